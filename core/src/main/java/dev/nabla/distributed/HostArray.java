package dev.nabla.distributed;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Tensor;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The host copy of a collective's data ({@code float[]}, {@code double[]} or {@code long[]}) with the
 * few operations the collectives need: element-wise sums over ranks and moves to and from byte
 * buffers (for sockets). Only the sums and the buffer views depend on the element type.
 */
final class HostArray {

    private final DType dtype;
    private final Object array;
    private final int length;
    /** Received elements before they are added, grown once. */
    private Object scratch;

    private HostArray(DType dtype, Object array, int length) {
        this.dtype = dtype;
        this.array = array;
        this.length = length;
    }

    /** The host copy of {@code tensor}'s elements in row-major order. */
    static HostArray download(Tensor tensor) {
        return switch (tensor.dtype()) {
            case FLOAT32 -> of(tensor.toFloatArray());
            case FLOAT64 -> of(tensor.toDoubleArray());
            case INT64 -> of(tensor.toLongArray());
        };
    }

    /** Wraps {@code a} (no copy). */
    static HostArray of(float[] a) {
        return new HostArray(DType.FLOAT32, a, a.length);
    }

    /** Wraps {@code a} (no copy). */
    static HostArray of(double[] a) {
        return new HostArray(DType.FLOAT64, a, a.length);
    }

    /** Wraps {@code a} (no copy). */
    static HostArray of(long[] a) {
        return new HostArray(DType.INT64, a, a.length);
    }

    /** A zero array of the same type and length. */
    HostArray emptyLike() {
        Object fresh = java.lang.reflect.Array.newInstance(array.getClass().getComponentType(), length);
        return new HostArray(dtype, fresh, length);
    }

    DType dtype() {
        return dtype;
    }

    int length() {
        return length;
    }

    /** The elements as a tensor of {@code shape} on the CPU. */
    Tensor toTensor(int[] shape) {
        // Tensor.of reads an empty shape as one dimension; reshape gives back a scalar's shape too
        Tensor t = switch (dtype) {
            case FLOAT32 -> Tensor.of((float[]) array);
            case FLOAT64 -> Tensor.of((double[]) array);
            case INT64 -> Tensor.of((long[]) array);
        };
        t = t.reshape(shape);
        return t.to(Device.CPU);
    }

    /** Sets elements {@code [from, to)} to the sum of the same elements of {@code parts}, added in rank order. */
    void sumOf(HostArray[] parts, int from, int to) {
        System.arraycopy(parts[0].array, from, array, from, to - from);
        for (int p = 1; p < parts.length; p++) {
            addArray(parts[p].array, from, from, to - from);
        }
    }

    /** Copies every element of {@code source} (same type and length). */
    void copyOf(HostArray source) {
        System.arraycopy(source.array, 0, array, 0, length);
    }

    /** Sets every element to zero. */
    void zero() {
        switch (dtype) {
            case FLOAT32 -> Arrays.fill((float[]) array, 0f);
            case FLOAT64 -> Arrays.fill((double[]) array, 0d);
            case INT64 -> Arrays.fill((long[]) array, 0L);
        }
    }

    /** Divides every element by {@code n} (floating types; an INT64 mean is refused before it is computed). */
    void divide(int n) {
        if (dtype == DType.FLOAT32) {
            float[] a = (float[]) array;
            for (int i = 0; i < a.length; i++) {
                a[i] /= n;
            }
        } else if (dtype == DType.FLOAT64) {
            double[] a = (double[]) array;
            for (int i = 0; i < a.length; i++) {
                a[i] /= n;
            }
        }
    }

    /** Writes elements {@code [from, from + count)} into {@code dst} at its position. */
    void put(ByteBuffer dst, int from, int count) {
        switch (dtype) {
            case FLOAT32 -> dst.asFloatBuffer().put((float[]) array, from, count);
            case FLOAT64 -> dst.asDoubleBuffer().put((double[]) array, from, count);
            case INT64 -> dst.asLongBuffer().put((long[]) array, from, count);
        }
        dst.position(dst.position() + count * dtype.byteSize());
    }

    /** Reads {@code count} elements from {@code src} into {@code [from, from + count)}. */
    void get(ByteBuffer src, int from, int count) {
        read(src, array, from, count);
    }

    /** Adds {@code count} elements read from {@code src} to {@code [from, from + count)}. */
    void add(ByteBuffer src, int from, int count) {
        if (scratch == null || java.lang.reflect.Array.getLength(scratch) < count) {
            scratch = java.lang.reflect.Array.newInstance(array.getClass().getComponentType(), count);
        }
        read(src, scratch, 0, count);
        addArray(scratch, 0, from, count);
    }

    private void read(ByteBuffer src, Object into, int from, int count) {
        switch (dtype) {
            case FLOAT32 -> src.asFloatBuffer().get((float[]) into, from, count);
            case FLOAT64 -> src.asDoubleBuffer().get((double[]) into, from, count);
            case INT64 -> src.asLongBuffer().get((long[]) into, from, count);
        }
        src.position(src.position() + count * dtype.byteSize());
    }

    /** {@code array[to + i] += other[from + i]} for {@code i < count}. */
    private void addArray(Object other, int from, int to, int count) {
        switch (dtype) {
            case FLOAT32 -> {
                float[] a = (float[]) array;
                float[] b = (float[]) other;
                for (int i = 0; i < count; i++) {
                    a[to + i] += b[from + i];
                }
            }
            case FLOAT64 -> {
                double[] a = (double[]) array;
                double[] b = (double[]) other;
                for (int i = 0; i < count; i++) {
                    a[to + i] += b[from + i];
                }
            }
            case INT64 -> {
                long[] a = (long[]) array;
                long[] b = (long[]) other;
                for (int i = 0; i < count; i++) {
                    a[to + i] += b[from + i];
                }
            }
        }
    }
}
