package dev.nabla.cpu.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link FloatExp} eight values at a time with the Vector API's EXP; the tail goes through the scalar form. */
final class VectorFloatExp implements FloatExp {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    private static final FloatExp TAIL = new ScalarFloatExp();

    /** Public no-argument constructor: the class is created reflectively so it never loads without the module. */
    public VectorFloatExp() {
    }

    @Override
    public double expShifted(float[] x, int at, int n, float shift) {
        FloatVector by = FloatVector.broadcast(S, shift);
        double sum = 0;
        int i = 0;
        for (; i <= n - S.length(); i += S.length()) {
            FloatVector w = FloatVector.fromArray(S, x, at + i).sub(by).lanewise(VectorOperators.EXP);
            w.intoArray(x, at + i);
            sum += w.reduceLanes(VectorOperators.ADD);
        }
        return sum + TAIL.expShifted(x, at + i, n - i, shift);
    }
}
