package dev.nabla.backend.fast;

import dev.nabla.backend.Strided;
import java.util.List;

/**
 * The gradients of one {@link RecurrenceProblem}, shaped like the matching {@link RecurrenceOperands}, all
 * contiguous. The backward overwrites the outputs (it does not accumulate into them).
 *
 * @param dy the gradient of {@code y} (input)
 * @param dhy the gradient of {@code hy} (input)
 * @param dcy the gradient of {@code cy} (input; LSTM, else null)
 * @param dx output
 * @param dh0 output
 * @param dc0 output (LSTM, else null)
 * @param dWeights outputs, one per entry of {@link RecurrenceOperands#weights}
 */
public record RecurrenceGradients(Strided dy, Strided dhy, Strided dcy, Strided dx, Strided dh0, Strided dc0,
        List<Strided> dWeights) {

    /** Copies the weight-gradient list. */
    public RecurrenceGradients {
        dWeights = List.copyOf(dWeights);
    }
}
