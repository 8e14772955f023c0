package dev.nabla.cpu.kernels;

/** {@link FloatExp} through {@link Math#exp}: the reference, and the path without the Vector API. */
final class ScalarFloatExp implements FloatExp {

    @Override
    public double expShifted(float[] x, int at, int n, float shift) {
        double sum = 0;
        for (int i = at; i < at + n; i++) {
            float w = (float) Math.exp(x[i] - shift);
            x[i] = w;
            sum += w;
        }
        return sum;
    }
}
