package dev.nabla.backend.fast;

/**
 * Fast path for one recurrent layer over whole sequences (on CUDA, cuDNN's v8 RNN API). A backend without
 * one, or declining a problem, gets core's step-by-step recurrence with a hand-written backward.
 */
public interface RecurrenceKernel extends FastPath {

    /** Whether this backend runs {@code problem}; when false, core runs its own recurrence. */
    boolean supportsRecurrence(RecurrenceProblem problem);

    /**
     * Runs the layer forward, writing {@code y}, {@code hy} and {@code cy}.
     *
     * @param training whether {@link #recurrenceBackward} may follow
     * @return opaque state the backward needs (null when not training); core keeps it until then
     */
    Object recurrenceForward(RecurrenceProblem problem, RecurrenceOperands operands, boolean training);

    /**
     * The gradients of the forward that returned {@code saved}, whose operands are passed again unchanged. It
     * may run more than once for one forward (a retained graph); the saved state lives until core drops it.
     */
    void recurrenceBackward(RecurrenceProblem problem, Object saved, RecurrenceOperands operands,
            RecurrenceGradients gradients);
}
