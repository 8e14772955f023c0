package dev.nabla.cpu.kernels;

import dev.nabla.backend.BinaryOp;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatSelect} on 256-bit vectors: a lane comparison gives a mask and a blend picks the
 * value, with no branch per element; the last partial vector runs on the scalar loops. Loaded only
 * when the {@code jdk.incubator.vector} module is present.
 */
final class VectorFloatSelect implements FloatSelect {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    private static final FloatVector ZERO = FloatVector.zero(S);
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f);
    private final FloatSelect tail = new ScalarFloatSelect();

    /** Public no-argument constructor: the class is created reflectively so it never loads without the module. */
    public VectorFloatSelect() {
    }

    @Override
    public void relu(float[] x, int xo, float[] out, int oo, int n) {
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i);
            v.blend(ZERO, v.compare(VectorOperators.LE, ZERO)).intoArray(out, oo + i);  // NaN stays NaN
        }
        tail.relu(x, xo + bound, out, oo + bound, n - bound);
    }

    @Override
    public void compare(BinaryOp op, float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        if (!op.isComparison()) {
            throw new IllegalArgumentException("compare: " + op + " is not a comparison");
        }
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += S.length()) {
            FloatVector x = FloatVector.fromArray(S, a, ao + i);
            FloatVector y = FloatVector.fromArray(S, b, bo + i);
            // each case names its operator as a constant, which the Vector API needs to compile the comparison to SIMD;
            // the switch itself is perfectly predicted
            switch (op) {
                case EQ -> store(x.compare(VectorOperators.EQ, y), out, oo + i);
                case NE -> store(x.compare(VectorOperators.NE, y), out, oo + i);
                case LT -> store(x.compare(VectorOperators.LT, y), out, oo + i);
                case LE -> store(x.compare(VectorOperators.LE, y), out, oo + i);
                case GT -> store(x.compare(VectorOperators.GT, y), out, oo + i);
                default -> store(x.compare(VectorOperators.GE, y), out, oo + i);
            }
        }
        tail.compare(op, a, ao + bound, b, bo + bound, out, oo + bound, n - bound);
    }

    /** Writes 1 where the mask is set and 0 elsewhere. */
    private static void store(VectorMask<Float> m, float[] out, int at) {
        ZERO.blend(ONE, m).intoArray(out, at);
    }

    @Override
    public void where(float[] cond, int co, float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += S.length()) {
            VectorMask<Float> taken = FloatVector.fromArray(S, cond, co + i).compare(VectorOperators.NE, ZERO);
            FloatVector.fromArray(S, b, bo + i).blend(FloatVector.fromArray(S, a, ao + i), taken).intoArray(out, oo + i);
        }
        tail.where(cond, co + bound, a, ao + bound, b, bo + bound, out, oo + bound, n - bound);
    }
}
