package dev.nabla.kernels;

import java.util.Arrays;

/**
 * Packs the {@code NdLayout} struct argument of the strided elementwise kernels into the 41 ints the driver
 * copies by value ({@code Pointer.to(int[])} in JCuda): {@code rank}, {@code shape[8]}, then
 * {@code stride[4][8]} (operand-major; operand 0 is the output, then the inputs in signature order).
 * Unused dimensions and operands are zero.
 */
public final class StridedLayout {

    /** Maximum rank ({@code NABLA_MAX_DIMS}). */
    public static final int MAX_DIMS = 8;
    /** Maximum operands, output included ({@code NABLA_MAX_OPERANDS}). */
    public static final int MAX_OPERANDS = 4;
    /** Number of ints in the packed struct. */
    public static final int PACKED_INTS = 1 + MAX_DIMS + MAX_OPERANDS * MAX_DIMS;

    private StridedLayout() {
    }

    /**
     * @param shape   logical (output) shape, row-major
     * @param strides element strides per operand, output first; 0 broadcasts a dimension
     * @return the packed struct
     * @throws IllegalArgumentException on rank above 8, more than 4 operands, a stride array of the wrong rank,
     *                                  a negative extent or more than {@code Integer.MAX_VALUE} elements
     */
    public static int[] pack(int[] shape, int[]... strides) {
        if (shape.length > MAX_DIMS) {
            throw new IllegalArgumentException("StridedLayout.pack: rank " + shape.length + " of shape "
                    + Arrays.toString(shape) + " exceeds " + MAX_DIMS);
        }
        if (strides.length == 0 || strides.length > MAX_OPERANDS) {
            throw new IllegalArgumentException("StridedLayout.pack: " + strides.length + " operands, expected 1 to "
                    + MAX_OPERANDS);
        }
        long numel = 1;
        for (int extent : shape) {
            if (extent < 0) {
                throw new IllegalArgumentException("StridedLayout.pack: negative extent in shape " + Arrays.toString(shape));
            }
            numel *= extent;
        }
        if (numel > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("StridedLayout.pack: shape " + Arrays.toString(shape) + " has " + numel
                    + " elements, more than the kernels' int range");
        }
        int[] packed = new int[PACKED_INTS];
        packed[0] = shape.length;
        System.arraycopy(shape, 0, packed, 1, shape.length);
        for (int op = 0; op < strides.length; op++) {
            if (strides[op].length != shape.length) {
                throw new IllegalArgumentException("StridedLayout.pack: operand " + op + " strides "
                        + Arrays.toString(strides[op]) + " do not match rank " + shape.length + " of shape "
                        + Arrays.toString(shape));
            }
            System.arraycopy(strides[op], 0, packed, 1 + MAX_DIMS + op * MAX_DIMS, shape.length);
        }
        return packed;
    }
}
