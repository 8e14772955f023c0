package dev.nabla;

import java.util.Arrays;

/** An immutable tensor shape: the extent of each dimension, outermost first. */
public final class Shape {

    private final int[] dims;

    private Shape(int[] dims) {
        this.dims = dims;
    }

    /**
     * A shape with the given extents.
     *
     * @throws IllegalArgumentException if an extent is negative or the shape is too large (see {@link #numel(int[])})
     */
    public static Shape of(int... dims) {
        numel(dims);
        return new Shape(dims.clone());
    }

    /** The number of dimensions. */
    public int rank() {
        return dims.length;
    }

    /** The extent of dimension {@code d}; negative {@code d} counts from the end. */
    public int get(int d) {
        return dims[normalizeDim("Shape.get", d, dims.length)];
    }

    /** A copy of the extents. */
    public int[] toArray() {
        return dims.clone();
    }

    /** The number of elements (1 for a scalar). */
    public int numel() {
        return numel(dims);
    }

    /**
     * The number of elements of a shape given as an array, computed exactly. Elements and strides
     * are indexed with {@code int}, so the product of the extents must not exceed 2^31-1, and
     * neither may the product of the non-zero extents: an empty {@code [0, 65536, 65536]} would
     * need a stride of 2^32.
     *
     * @throws IllegalArgumentException if an extent is negative or either product exceeds 2^31-1
     */
    public static int numel(int[] dims) {
        boolean empty = false;
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("Shape: negative dimension in " + Arrays.toString(dims));
            }
            empty |= d == 0;
        }
        long span = 1;
        for (int d : dims) {
            // both factors are below 2^31, so the long product is exact; checked before the next one
            span *= Math.max(d, 1);
            if (span > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("Shape: " + Arrays.toString(dims) + (empty
                        ? " spans more than 2^31-1 elements in its non-zero dimensions (strides are ints)"
                        : " has more than 2^31-1 elements"));
            }
        }
        return empty ? 0 : (int) span;
    }

    /**
     * The NumPy broadcast of two shapes: aligned from the right, each pair of extents equal or
     * one of them 1.
     *
     * @param op the operation name for the error message
     */
    public static int[] broadcast(String op, int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + Arrays.toString(a) + " and "
                        + Arrays.toString(b) + " cannot be broadcast (dimension " + i + ": " + da + " vs " + db + ")");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /**
     * Turns a possibly negative dimension into {@code [0, rank)}.
     *
     * @throws IllegalArgumentException naming the op when out of range
     */
    public static int normalizeDim(String op, int dim, int rank) {
        int d = dim < 0 ? dim + rank : dim;
        if (d < 0 || d >= rank) {
            throw new IllegalArgumentException(op + ": dimension " + dim + " is out of range for a tensor of rank "
                    + rank + " (expected -" + rank + " .. " + (rank - 1) + ")");
        }
        return d;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(s.dims, dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
