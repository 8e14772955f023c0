package dev.nabla.ml.metrics;

import dev.nabla.DType;
import dev.nabla.Tensor;

/** True and predicted labels (or scores) downloaded to the host after a length check. */
final class LabelPairs {

    private LabelPairs() {
    }

    static void requireSameLength(String op, Tensor a, Tensor b) {
        if (a.rank() != 1 || b.rank() != 1 || a.size(0) != b.size(0) || a.size(0) == 0) {
            throw new IllegalArgumentException(op + ": expected two non-empty vectors of equal length, got shapes "
                    + a.shape() + " and " + b.shape());
        }
    }

    static long[] labels(String op, Tensor t) {
        if (t.dtype() == DType.INT64) {
            return t.toLongArray();
        }
        double[] d = t.toDoubleArray();
        long[] out = new long[d.length];
        for (int i = 0; i < d.length; i++) {
            if (d[i] != Math.rint(d[i])) {
                throw new IllegalArgumentException(op + ": labels must be whole numbers, got " + d[i] + " at index " + i);
            }
            out[i] = (long) d[i];
        }
        return out;
    }
}
