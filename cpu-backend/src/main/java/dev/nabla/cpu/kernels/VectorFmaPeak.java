package dev.nabla.cpu.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FmaPeak} on 256-bit vectors: ten independent accumulator chains, more than the FMA latency
 * times the number of FMA pipes, so the loop is throughput-bound. Loaded only when the
 * {@code jdk.incubator.vector} module is present.
 */
final class VectorFmaPeak implements FmaPeak {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;

    /** Public no-argument constructor: the class is created reflectively so it never loads without the module. */
    public VectorFmaPeak() {
    }

    @Override
    public double flopsPerIteration() {
        return 10.0 * 2 * S.length();
    }

    @Override
    public float run(long iterations) {
        FloatVector m = FloatVector.broadcast(S, 0.999f);
        FloatVector d = FloatVector.broadcast(S, 1e-4f);
        FloatVector a0 = FloatVector.broadcast(S, 0.1f);
        FloatVector a1 = a0.add(d);
        FloatVector a2 = a1.add(d);
        FloatVector a3 = a2.add(d);
        FloatVector a4 = a3.add(d);
        FloatVector a5 = a4.add(d);
        FloatVector a6 = a5.add(d);
        FloatVector a7 = a6.add(d);
        FloatVector a8 = a7.add(d);
        FloatVector a9 = a8.add(d);
        for (long i = 0; i < iterations; i++) {
            a0 = a0.fma(m, d);
            a1 = a1.fma(m, d);
            a2 = a2.fma(m, d);
            a3 = a3.fma(m, d);
            a4 = a4.fma(m, d);
            a5 = a5.fma(m, d);
            a6 = a6.fma(m, d);
            a7 = a7.fma(m, d);
            a8 = a8.fma(m, d);
            a9 = a9.fma(m, d);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).lane(0);
    }
}
