package dev.nabla.cpu.kernels;

/** {@link FmaPeak} with scalar {@link Math#fma}: the ceiling of the scalar kernels, on JVMs without the Vector API. */
final class ScalarFmaPeak implements FmaPeak {

    @Override
    public double flopsPerIteration() {
        return 8.0 * 2;
    }

    @Override
    public float run(long iterations) {
        float m = 0.999f;
        float d = 1e-4f;
        float a0 = 0.1f;
        float a1 = 0.2f;
        float a2 = 0.3f;
        float a3 = 0.4f;
        float a4 = 0.5f;
        float a5 = 0.6f;
        float a6 = 0.7f;
        float a7 = 0.8f;
        for (long i = 0; i < iterations; i++) {
            a0 = Math.fma(a0, m, d);
            a1 = Math.fma(a1, m, d);
            a2 = Math.fma(a2, m, d);
            a3 = Math.fma(a3, m, d);
            a4 = Math.fma(a4, m, d);
            a5 = Math.fma(a5, m, d);
            a6 = Math.fma(a6, m, d);
            a7 = Math.fma(a7, m, d);
        }
        return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7;
    }
}
