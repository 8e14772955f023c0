package dev.nabla.cpu.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PairMax} on 256-bit vectors: eight windows at a time, their four cells gathered from the
 * even and odd columns of the two input rows; each later cell replaces the best where it is larger,
 * or NaN while the best is not, and a lane code records which cell won. The last windows run on the scalar loop. Loaded
 * only when the {@code jdk.incubator.vector} module is present.
 */
final class VectorPairMax implements PairMax {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    private static final int[] EVEN = {0, 2, 4, 6, 8, 10, 12, 14};
    private static final int[] ODD = {1, 3, 5, 7, 9, 11, 13, 15};
    private final PairMax tail = new ScalarPairMax();

    /** Public no-argument constructor: the class is created reflectively so it never loads without the module. */
    public VectorPairMax() {
    }

    @Override
    public void row(float[] x, int top, int w, int topIndex, float[] y, long[] idx, int out, int ow) {
        int bound = S.loopBound(ow);
        float[] codes = new float[S.length()];
        long[] offsets = {0, 1, w, w + 1};
        for (int j = 0; j < bound; j += S.length()) {
            int cell = top + 2 * j;
            FloatVector best = FloatVector.fromArray(S, x, cell, EVEN, 0);
            FloatVector code = FloatVector.zero(S);
            FloatVector c = FloatVector.fromArray(S, x, cell, ODD, 0);
            VectorMask<Float> take = better(c, best);
            best = best.blend(c, take);
            code = code.blend(1f, take);
            c = FloatVector.fromArray(S, x, cell + w, EVEN, 0);
            take = better(c, best);
            best = best.blend(c, take);
            code = code.blend(2f, take);
            c = FloatVector.fromArray(S, x, cell + w, ODD, 0);
            take = better(c, best);
            best = best.blend(c, take);
            code = code.blend(3f, take);
            best.intoArray(y, out + j);
            code.intoArray(codes, 0);
            for (int k = 0; k < codes.length; k++) {
                idx[out + j + k] = topIndex + 2L * (j + k) + offsets[(int) codes[k]];
            }
        }
        tail.row(x, top + 2 * bound, w, topIndex + 2 * bound, y, idx, out + bound, ow - bound);
    }

    /**
     * Lanes where {@code c} should replace {@code best}: larger, or the first NaN (NaN is the only value unequal to
     * itself).
     */
    private static VectorMask<Float> better(FloatVector c, FloatVector best) {
        VectorMask<Float> firstNan = c.compare(VectorOperators.NE, c).andNot(best.compare(VectorOperators.NE, best));
        return c.compare(VectorOperators.GT, best).or(firstNan);
    }
}
