package dev.nabla.cpu.kernels;

/** {@link PairMax} as a plain loop: the reference, the tail of the SIMD rows, and the path without the Vector API. */
final class ScalarPairMax implements PairMax {

    @Override
    public void row(float[] x, int top, int w, int topIndex, float[] y, long[] idx, int out, int ow) {
        int[] offsets = {1, w, w + 1};
        for (int j = 0; j < ow; j++) {
            int cell = top + 2 * j;
            int where = 0;
            float best = x[cell];
            for (int offset : offsets) {
                float v = x[cell + offset];
                if (v > best || (Float.isNaN(v) && !Float.isNaN(best))) {
                    best = v;
                    where = offset;
                }
            }
            y[out + j] = best;
            idx[out + j] = topIndex + 2L * j + where;
        }
    }
}
