package dev.nabla.cuda;

import dev.nabla.DType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jcuda.Pointer;

/** The host arrays the backend SPI exchanges ({@code float[]}, {@code double[]}, {@code long[]}) handled uniformly. */
final class HostArrays {

    private HostArrays() {
    }

    /**
     * The element type of {@code array}.
     *
     * @throws IllegalArgumentException for anything but {@code float[]}, {@code double[]}, {@code long[]}
     */
    static DType dtypeOf(Object array) {
        if (array instanceof float[]) {
            return DType.FLOAT32;
        }
        if (array instanceof double[]) {
            return DType.FLOAT64;
        }
        if (array instanceof long[]) {
            return DType.INT64;
        }
        throw new IllegalArgumentException("upload: expected float[], double[] or long[], got "
                + (array == null ? "null" : array.getClass().getSimpleName()));
    }

    /** The number of elements of a supported array. */
    static int length(Object array) {
        return switch (dtypeOf(array)) {
            case FLOAT32 -> ((float[]) array).length;
            case FLOAT64 -> ((double[]) array).length;
            case INT64 -> ((long[]) array).length;
        };
    }

    /** A new array of {@code dtype} with {@code length} elements. */
    static Object allocate(DType dtype, int length) {
        return switch (dtype) {
            case FLOAT32 -> new float[length];
            case FLOAT64 -> new double[length];
            case INT64 -> new long[length];
        };
    }

    /** A JCuda host pointer to the array's first element. */
    static Pointer pointerTo(Object array) {
        return switch (dtypeOf(array)) {
            case FLOAT32 -> Pointer.to((float[]) array);
            case FLOAT64 -> Pointer.to((double[]) array);
            case INT64 -> Pointer.to((long[]) array);
        };
    }

    /** Copies {@code count} elements from {@code array[first]} into {@code buffer} (native byte order). */
    static void put(ByteBuffer buffer, Object array, int first, int count) {
        ByteBuffer b = buffer.order(ByteOrder.nativeOrder());
        switch (dtypeOf(array)) {
            case FLOAT32 -> b.asFloatBuffer().put((float[]) array, first, count);
            case FLOAT64 -> b.asDoubleBuffer().put((double[]) array, first, count);
            case INT64 -> b.asLongBuffer().put((long[]) array, first, count);
        }
    }

    /** Copies {@code count} elements from {@code buffer} (native byte order) into {@code array[first]}. */
    static void get(ByteBuffer buffer, Object array, int first, int count) {
        ByteBuffer b = buffer.order(ByteOrder.nativeOrder());
        switch (dtypeOf(array)) {
            case FLOAT32 -> b.asFloatBuffer().get((float[]) array, first, count);
            case FLOAT64 -> b.asDoubleBuffer().get((double[]) array, first, count);
            case INT64 -> b.asLongBuffer().get((long[]) array, first, count);
        }
    }
}
