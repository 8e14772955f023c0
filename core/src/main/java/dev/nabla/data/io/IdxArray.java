package dev.nabla.data.io;

import dev.nabla.Shape;
import java.util.Arrays;

/**
 * An unsigned-byte array read from (or destined for) an IDX file: its dimensions and its data in
 * row-major order.
 *
 * @param source where the array came from (a file name), used in error messages
 * @param dims the dimensions, outermost first; {@code dims[0]} is the number of items
 * @param data the raw bytes, {@code product(dims)} of them; read them unsigned
 */
public record IdxArray(String source, int[] dims, byte[] data) {

    /**
     * Checks that the dimensions are positive and agree with the data length.
     *
     * @throws IllegalArgumentException when the dimensions are empty, negative, or do not match
     *     the data length
     */
    public IdxArray {
        if (dims.length == 0 || dims.length > 255) {
            throw new IllegalArgumentException(
                    "IdxArray " + source + ": needs 1 to 255 dimensions, got " + dims.length);
        }
        int product = size(source, dims);
        if (product != data.length) {
            throw new IllegalArgumentException("IdxArray " + source + ": dimensions "
                    + Arrays.toString(dims) + " need " + product + " bytes, data has " + data.length);
        }
    }

    /**
     * The number of values of an array of {@code dims}, exactly.
     *
     * @param source where the dimensions come from, for the error message
     * @throws IllegalArgumentException when a dimension is negative or the values (or, for an empty
     *     array, the product of the non-zero dimensions) pass 2^31-9, the largest Java array
     */
    static int size(String source, int[] dims) {
        int size;
        try {
            size = Shape.numel(dims);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("IdxArray " + source + ": " + e.getMessage(), e);
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("IdxArray " + source + ": dimensions " + Arrays.toString(dims)
                    + " declare " + size + " values, too many for one array");
        }
        return size;
    }

    /** @return the number of items, {@code dims[0]} */
    public int count() {
        return dims[0];
    }

    /** @return the number of values in one item (the product of all dimensions after the first) */
    public int itemSize() {
        int size = 1;
        for (int i = 1; i < dims.length; i++) {
            size *= dims[i];
        }
        return size;
    }

    /**
     * @param index a flat index into the data
     * @return the byte at {@code index}, read unsigned (0..255)
     */
    public int unsigned(int index) {
        return Byte.toUnsignedInt(data[index]);
    }
}
