package dev.nabla.ml;

import dev.nabla.Tensor;
import java.util.Arrays;

/** Argument checks shared by the learners; messages name the operation and the offending shapes or values. */
public final class Inputs {

    private Inputs() {
    }

    /** Requires a non-empty floating matrix {@code [n, d]} with no NaN or infinite element. */
    public static void requireMatrix(String op, Tensor x) {
        if (x.rank() != 2 || x.numel() == 0) {
            throw new IllegalArgumentException(op + ": X must be a non-empty matrix [n, d], got shape " + x.shape());
        }
        if (!x.dtype().isFloating()) {
            throw new IllegalArgumentException(op + ": X must be FLOAT32 or FLOAT64, got " + x.dtype().id());
        }
        requireFinite(op, "X", x);
    }

    /**
     * Requires no NaN or infinite element in {@code t}. A NaN or infinity makes any sum over it non-finite, so
     * a finite total clears a matrix with one matrix-vector product of column sums (read in place; the mask of
     * {@code nonFinite()} would write a tensor the size of t); only a non-finite total, which finite values can
     * also reach by overflow, is followed by the exact count.
     */
    public static void requireFinite(String op, String what, Tensor t) {
        if (t.dtype().isFloating()) {
            Tensor totals = t.rank() == 2 ? Tensor.ones(t.dtype(), t.device(), t.size(0)).matmul(t) : t.sum();
            if (Arrays.stream(totals.toDoubleArray()).allMatch(Double::isFinite)) {
                return;
            }
            int bad = (int) t.nonFinite().sum().item();
            if (bad > 0) {
                throw new IllegalArgumentException(op + ": " + what + " of shape " + t.shape() + " contains " + bad
                        + " NaN or infinite value(s)");
            }
        }
    }

    /** Requires {@code x} to be a valid matrix and {@code y} a vector with one entry per row of {@code x}. */
    public static void requireXy(String op, Tensor x, Tensor y) {
        requireMatrix(op, x);
        if (y.rank() != 1 || y.size(0) != x.size(0)) {
            throw new IllegalArgumentException(op + ": X has " + x.size(0) + " rows (shape " + x.shape()
                    + ") but y has shape " + y.shape() + "; y must be a vector of length " + x.size(0));
        }
        requireFinite(op, "y", y);
    }

    /** Requires {@code x} to be a valid matrix with exactly {@code expected} columns (the fitted feature count). */
    public static void requireFeatures(String op, Tensor x, int expected) {
        requireMatrix(op, x);
        if (x.size(1) != expected) {
            throw new IllegalArgumentException(op + ": the model was fitted on " + expected + " features but X has "
                    + x.size(1) + " (shape " + x.shape() + ")");
        }
    }

    /** Requires {@code 1 <= count <= samples}, e.g. the number of neighbours, clusters or components. */
    public static void requireAtMostSamples(String op, String what, int count, int samples) {
        if (count < 1 || count > samples) {
            throw new IllegalArgumentException(op + ": " + what + " = " + count + " must be between 1 and the number of "
                    + "samples " + samples);
        }
    }

    /** Requires {@code value > 0}. */
    public static void requirePositive(String op, String what, double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(op + ": " + what + " must be positive, got " + value);
        }
    }

    /** Requires {@code value >= 0}. */
    public static void requireNonNegative(String op, String what, double value) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException(op + ": " + what + " must be >= 0, got " + value);
        }
    }
}
