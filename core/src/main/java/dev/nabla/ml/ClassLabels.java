package dev.nabla.ml;

import dev.nabla.DType;
import dev.nabla.Tensor;
import java.util.Arrays;

/**
 * The distinct class labels of a training set, sorted, and the mapping between labels and class
 * indices {@code 0..size()-1} that classifiers work with internally.
 */
public final class ClassLabels {

    private final long[] labels;

    private ClassLabels(long[] labels) {
        this.labels = labels;
    }

    /**
     * The distinct labels of {@code y}.
     *
     * @param y a vector of integer labels (INT64, or floats holding whole numbers)
     */
    public static ClassLabels of(String op, Tensor y) {
        long[] values = integral(op, y);
        long[] distinct = Arrays.stream(values).distinct().sorted().toArray();
        if (distinct.length < 2) {
            throw new IllegalArgumentException(op + ": y needs at least 2 distinct class labels, got "
                    + Arrays.toString(distinct));
        }
        return new ClassLabels(distinct);
    }

    private static long[] integral(String op, Tensor y) {
        if (y.dtype() == DType.INT64) {
            return y.toLongArray();
        }
        double[] d = y.toDoubleArray();
        long[] out = new long[d.length];
        for (int i = 0; i < d.length; i++) {
            if (d[i] != Math.rint(d[i])) {
                throw new IllegalArgumentException(op + ": class labels must be whole numbers, got " + d[i] + " at index " + i);
            }
            out[i] = (long) d[i];
        }
        return out;
    }

    /** The number of classes. */
    public int size() {
        return labels.length;
    }

    /** The label of class index {@code i}. */
    public long label(int i) {
        return labels[i];
    }

    /** A copy of the labels, ascending. */
    public long[] toArray() {
        return labels.clone();
    }

    /** Class indices (INT64, on {@code y}'s device) of the labels in {@code y}; an unseen label is an error. */
    public Tensor encode(String op, Tensor y) {
        long[] values = integral(op, y);
        long[] idx = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            int at = Arrays.binarySearch(labels, values[i]);
            if (at < 0) {
                throw new IllegalArgumentException(op + ": label " + values[i] + " was not seen in training; known labels "
                        + Arrays.toString(labels));
            }
            idx[i] = at;
        }
        return Tensor.of(idx, idx.length).to(y.device());
    }

    /** The labels (INT64) of the class indices in {@code indices}. */
    public Tensor decode(Tensor indices) {
        Tensor table = Tensor.of(labels, labels.length).to(indices.device());
        return table.indexSelect(0, indices.flatten()).reshape(indices.shape().toArray());
    }

    /** Labels mapped to {@code -1} (first class) and {@code +1} (second) in {@code like}'s dtype, for binary models. */
    public Tensor signs(String op, Tensor y, Tensor like) {
        requireBinary(op);
        return encode(op, y).to(like.dtype()).mul(2).sub(1);
    }

    /** Requires exactly two classes. */
    public void requireBinary(String op) {
        if (labels.length != 2) {
            throw new IllegalArgumentException(op + ": this model is binary but y has " + labels.length + " classes "
                    + Arrays.toString(labels));
        }
    }

    @Override
    public String toString() {
        return "ClassLabels" + Arrays.toString(labels);
    }
}
