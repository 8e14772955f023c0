package dev.nabla.backend;

import dev.nabla.DType;
import java.util.Arrays;

/**
 * A strided view over a storage, the operand type of every backend primitive: element
 * {@code (i0, i1, ...)} lives at {@code offset + i0*strides[0] + i1*strides[1] + ...}.
 * A stride of 0 broadcasts a dimension.
 *
 * @param storage the buffer
 * @param shape the extent of each dimension
 * @param strides the step, in elements, of each dimension
 * @param offset the position of element (0, ..., 0)
 */
public record Strided(Storage storage, int[] shape, int[] strides, int offset) {

    /** A contiguous row-major view of the whole storage with the given shape. */
    public static Strided contiguous(Storage storage, int[] shape) {
        return new Strided(storage, shape, contiguousStrides(shape), 0);
    }

    /** Row-major strides for {@code shape}. */
    public static int[] contiguousStrides(int[] shape) {
        int[] strides = new int[shape.length];
        int s = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            strides[d] = s;
            s *= Math.max(shape[d], 1);
        }
        return strides;
    }

    /** The element type. */
    public DType dtype() {
        return storage.dtype();
    }

    /** The number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** The number of elements. */
    public int numel() {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }

    /** The same view without dimension {@code axis}: the elements at index 0 along it (a line's starts). */
    public Strided withoutAxis(int axis) {
        int[] rest = new int[shape.length - 1];
        int[] restStrides = new int[shape.length - 1];
        for (int d = 0, k = 0; d < shape.length; d++) {
            if (d != axis) {
                rest[k] = shape[d];
                restStrides[k++] = strides[d];
            }
        }
        return new Strided(storage, rest, restStrides, offset);
    }

    /** Whether the elements are laid out densely in row-major order (so {@code offset + i} is the i-th element). */
    public boolean isContiguous() {
        int expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && strides[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Strided s && s.storage == storage && s.offset == offset
                && Arrays.equals(s.shape, shape) && Arrays.equals(s.strides, strides);
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(storage) * 31 + Arrays.hashCode(shape) * 17 + offset;
    }

    @Override
    public String toString() {
        return "Strided" + Arrays.toString(shape) + "/" + Arrays.toString(strides) + "+" + offset + " " + dtype();
    }
}
