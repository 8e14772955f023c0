package dev.nabla.cuda;

/**
 * A {@code cuMemcpy2D} between 32-bit and 64-bit index arrays: {@code height} rows of
 * {@code widthBytes = 4}, read every {@code srcPitch} bytes and written every {@code dstPitch}
 * bytes. Narrowing INT64 indices to the kernels' int32 takes each element's low word (little-endian,
 * indices are in int range); widening int32 results to INT64 writes low words into a zeroed buffer
 * (the results are non-negative). No kernel is needed for either.
 *
 * @param srcPitch bytes between source rows
 * @param dstPitch bytes between destination rows
 * @param widthBytes bytes per row
 * @param height rows
 */
record PitchedCopy(long srcPitch, long dstPitch, long widthBytes, long height) {

    /** INT64 elements {@code stride} apart to a dense int32 array of {@code count}. */
    static PitchedCopy narrow(int stride, int count) {
        if (stride < 1 || count < 0) {
            throw new IllegalArgumentException("PitchedCopy.narrow: stride " + stride + " and count " + count
                    + " must be positive and non-negative");
        }
        return new PitchedCopy(8L * stride, 4, 4, count);
    }

    /** A dense int32 array of {@code count} into the low words of a dense, zeroed INT64 array. */
    static PitchedCopy widen(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("PitchedCopy.widen: negative count " + count);
        }
        return new PitchedCopy(4, 8, 4, count);
    }
}
