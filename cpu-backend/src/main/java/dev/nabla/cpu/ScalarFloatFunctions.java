package dev.nabla.cpu;

import dev.nabla.cpu.kernels.FloatFunctions;

/**
 * {@link FloatFunctions} evaluated in double and rounded once, one value at a time: the path without the
 * Vector API, whose results equal the double path's ({@link DoubleMath}) bit for bit.
 */
final class ScalarFloatFunctions implements FloatFunctions {

    @Override
    public void exp(float[] x, int xo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = (float) Math.exp(x[xo + i]);
        }
    }

    @Override
    public void tanh(float[] x, int xo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = (float) Math.tanh(x[xo + i]);
        }
    }

    @Override
    public void sigmoid(float[] x, int xo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = (float) DoubleMath.sigmoid(x[xo + i]);
        }
    }

    @Override
    public void erf(float[] x, int xo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = (float) Erf.erf(x[xo + i]);
        }
    }
}
