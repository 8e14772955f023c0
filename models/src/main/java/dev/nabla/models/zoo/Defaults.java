package dev.nabla.models.zoo;

import java.util.Locale;

/**
 * A zoo model's default recipe.
 *
 * @param epochs passes over the training data
 * @param batchSize samples per step
 * @param lr the learning rate
 * @param optimizer a few words naming the optimizer, for {@code nabla list}
 */
public record Defaults(int epochs, int batchSize, double lr, String optimizer) {

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "epochs=%d batch-size=%d lr=%s (%s)", epochs, batchSize, lr, optimizer);
    }
}
