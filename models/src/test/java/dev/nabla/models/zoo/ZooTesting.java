package dev.nabla.models.zoo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.models.train.Session;
import java.util.Arrays;

/** Helpers for the zoo tests: a few training steps over changing batches, and a falling loss. */
final class ZooTesting {

    private ZooTesting() {
    }

    /** Runs {@code steps} training steps, cycling over epoch 1's batches, and returns their losses. */
    static double[] train(Session session, int steps) {
        session.model().train();
        double[] losses = new double[steps];
        for (int i = 0; i < steps; i++) {
            losses[i] = session.trainStep(1 + i / session.stepsPerEpoch(), i % session.stepsPerEpoch());
            assertTrue(Double.isFinite(losses[i]), "step " + i + " loss " + losses[i]);
        }
        return losses;
    }

    /** Asserts that the mean of the last {@code k} losses is below that of the first {@code k}. */
    static void assertDecreases(double[] losses, int k) {
        double first = Arrays.stream(losses, 0, k).average().orElseThrow();
        double last = Arrays.stream(losses, losses.length - k, losses.length).average().orElseThrow();
        assertTrue(last < first, "loss did not decrease: " + Arrays.toString(losses));
    }
}
