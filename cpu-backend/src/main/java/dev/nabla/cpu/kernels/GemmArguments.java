package dev.nabla.cpu.kernels;

/** Argument checks shared by the float and double GEMMs. */
final class GemmArguments {

    private GemmArguments() {
    }

    /** Rejects negative sizes, missing batch offsets and a leading dimension shorter than a row. */
    static void check(String op, int batches, int m, int n, int k, int[] aOffsets, int[] bOffsets, int[] cOffsets,
            int ldc) {
        if (batches < 0 || m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException(op + ": sizes must be >= 0, got batches=" + batches + " m=" + m + " n=" + n
                    + " k=" + k);
        }
        if (aOffsets.length < batches || bOffsets.length < batches || cOffsets.length < batches) {
            throw new IllegalArgumentException(op + ": need " + batches + " offsets per operand, got a="
                    + aOffsets.length + " b=" + bOffsets.length + " c=" + cOffsets.length);
        }
        if (ldc < n) {
            throw new IllegalArgumentException(op + ": ldc=" + ldc + " is smaller than n=" + n);
        }
    }
}
