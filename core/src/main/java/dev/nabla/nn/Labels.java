package dev.nabla.nn;

import dev.nabla.DType;
import dev.nabla.Tensor;

/** Checks on integer labels and indices shared by losses and embeddings. */
final class Labels {

    private Labels() {
    }

    /**
     * Requires an INT64 tensor whose entries, except those equal to {@code ignored}, lie in
     * {@code [0, bound)}; otherwise throws naming the first offending value found.
     *
     * @param op the operation name for the message
     * @param what what the bound counts, e.g. "classes"
     * @param ignored a value exempt from the check, or null
     */
    static void checkRange(String op, Tensor labels, int bound, String what, Long ignored) {
        if (labels.dtype() != DType.INT64) {
            throw new IllegalArgumentException(op + ": labels must be int64, got " + labels.dtype().id() + " of shape "
                    + labels.shape());
        }
        if (labels.numel() == 0) {
            return;
        }
        Tensor considered = labels;
        if (ignored != null) {
            // ignored entries are replaced by 0, which is always in range
            considered = Tensor.where(labels.eq(ignored), Tensor.zerosLike(labels), labels);
        }
        // one transfer for both bounds: on a GPU each download waits for the device
        long[] bounds = Tensor.stack(0, considered.min(), considered.max()).toLongArray();
        long lo = bounds[0];
        long hi = bounds[1];
        if (lo < 0 || hi >= bound) {
            throw new IllegalArgumentException(op + ": label " + (lo < 0 ? lo : hi) + " is out of range for " + bound + " "
                    + what + " (valid labels are 0.." + (bound - 1) + ")");
        }
    }
}
