package dev.nabla.cpu.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatFunctions} on 256-bit vectors, written with IEEE-exact lane operations only (add, multiply,
 * divide, fused multiply-add, bit moves), so a value's result never depends on whether C2 has compiled the
 * loop yet: the JDK's vector EXP and TANH (SVML) round differently from their interpreted fallback, which
 * made the same op on the same data give different bits early and late in a run. The last partial vector goes
 * through a padded copy. Loaded only when the {@code jdk.incubator.vector} module is present.
 *
 * <p>The polynomials were fitted by {@code cpu-backend/fit-functions.py} (relative least squares at Chebyshev
 * nodes, refined towards minimax, against 40-digit values): exp reduces {@code x = n·ln2 + r} with
 * |r| ≤ ln2/2 (Cody–Waite) and scales E(r) by 2ⁿ in two steps, so subnormal results round once; tanh is
 * {@code x·T(x²)} below 0.625 and {@code 1 − 2/(e^{2|x|} + 1)} above; erf is {@code x·P(x²)} below 1 and
 * {@code 1 − e^{−x²}·Q(1/(1 + |x|/2))} above, which keeps erfc's relative accuracy where {@code 1 − erfc} is
 * formed. {@code FloatFunctionsTest} checks the 2-ulp bound.
 *
 * <p>Every float SIMD kernel here uses the 256-bit species: with a second float species in the same JVM
 * (512-bit), the Vector API's shared call sites see two vector classes and C2 stops intrinsifying some of
 * them, which made the GEMM micro-kernel, and the LSTM training step, twice as slow.
 */
final class VectorFloatFunctions implements FloatFunctions {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    /** exp(r) on [−ln2/2, ln2/2], lowest degree first. */
    private static final float[] E = {1.0f, 1.0f, 0.4999999f, 0.1666642f, 0.041668225f, 0.008374816f, 0.0013836846f};
    /** tanh(x)/x = T(x²) on [0, 0.625]. */
    private static final float[] T = {1.0f, -0.33333328f, 0.13333184f, -0.0539447f, 0.02169183f, -0.008159134f,
            0.0021285233f};
    /** erf(x)/x = P(x²) on [0, 1]. */
    private static final float[] P = {1.1283791f, -0.37612626f, 0.112835854f, -0.026853813f, 0.0051883296f,
            -0.0008010209f, 0.00007853907f};
    /** erfc(x)·e^{x²} = Q(1 / (1 + x/2)) on [1, 4]. */
    private static final float[] Q = {-0.00015318715f, 0.28489622f, 0.25980175f, 0.3473608f, -0.10259218f, 0.5618727f,
            -0.47015148f, 0.11901597f};
    private static final float LOG2E = 1.442695f;
    /** ln 2 split so that {@code n · LN2_HI} is exact for every n the clamped range allows. */
    private static final float LN2_HI = 0.693145751953125f;
    private static final float LN2_LO = 1.428606765330187e-06f;
    /** 1.5 · 2²³: adding it rounds a float below 2²² to an integer, which then sits in the low mantissa bits. */
    private static final float ROUNDER = 12582912f;
    /** Beyond these, exp is ∞ or rounds to 0 in float; clamping keeps the exponent arithmetic in range. */
    private static final float EXP_MAX = 89f;
    private static final float EXP_MIN = -104f;

    private static final int EXP = 0;
    private static final int TANH = 1;
    private static final int SIGMOID = 2;
    private static final int ERF = 3;

    /** Public no-argument constructor: the class is created reflectively so it never loads without the module. */
    public VectorFloatFunctions() {
    }

    @Override
    public void exp(float[] x, int xo, float[] out, int oo, int n) {
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += S.length()) {
            exp(FloatVector.fromArray(S, x, xo + i)).intoArray(out, oo + i);
        }
        tail(EXP, x, xo, out, oo, bound, n);
    }

    @Override
    public void tanh(float[] x, int xo, float[] out, int oo, int n) {
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += S.length()) {
            tanh(FloatVector.fromArray(S, x, xo + i)).intoArray(out, oo + i);
        }
        tail(TANH, x, xo, out, oo, bound, n);
    }

    @Override
    public void sigmoid(float[] x, int xo, float[] out, int oo, int n) {
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += S.length()) {
            sigmoid(FloatVector.fromArray(S, x, xo + i)).intoArray(out, oo + i);
        }
        tail(SIGMOID, x, xo, out, oo, bound, n);
    }

    @Override
    public void erf(float[] x, int xo, float[] out, int oo, int n) {
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += S.length()) {
            erf(FloatVector.fromArray(S, x, xo + i)).intoArray(out, oo + i);
        }
        tail(ERF, x, xo, out, oo, bound, n);
    }

    /**
     * Elements {@code [from, n)}, fewer than a vector, through a padded copy, so they see the same formula as
     * the rest of the run. (Each function has its own main loop: one loop choosing the function per vector
     * inlined every function, exp four times over, past C2's inlining budget, and exp alone ran 3× slower.)
     */
    private static void tail(int fn, float[] x, int xo, float[] out, int oo, int from, int n) {
        if (from == n) {
            return;
        }
        float[] lanes = new float[S.length()];
        System.arraycopy(x, xo + from, lanes, 0, n - from);
        FloatVector v = FloatVector.fromArray(S, lanes, 0);
        FloatVector r = switch (fn) {
            case EXP -> exp(v);
            case TANH -> tanh(v);
            case SIGMOID -> sigmoid(v);
            default -> erf(v);
        };
        r.intoArray(lanes, 0);
        System.arraycopy(lanes, 0, out, oo + from, n - from);
    }

    /** e^x lane by lane, within 1 ulp; NaN stays NaN, large arguments give ∞ and very negative ones 0. */
    static FloatVector exp(FloatVector x) {
        FloatVector c = x.max(EXP_MIN).min(EXP_MAX);  // NaN passes through: max and min keep it
        FloatVector shifted = c.mul(LOG2E).add(ROUNDER);
        FloatVector n = shifted.sub(ROUNDER);
        FloatVector r = n.fma(FloatVector.broadcast(S, -LN2_HI), c);
        r = n.fma(FloatVector.broadcast(S, -LN2_LO), r);
        IntVector k = shifted.reinterpretAsInts().sub(Float.floatToRawIntBits(ROUNDER));
        IntVector half = k.lanewise(VectorOperators.ASHR, 1);
        return polynomial(E, r).mul(powerOfTwo(half)).mul(powerOfTwo(k.sub(half)));
    }

    /** 2^k for integer lanes −126 ≤ k ≤ 127, built from the exponent bits. */
    private static FloatVector powerOfTwo(IntVector k) {
        return k.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
    }

    static FloatVector tanh(FloatVector x) {
        FloatVector a = x.abs();
        FloatVector small = x.mul(polynomial(T, x.mul(x)));
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector large = one.sub(FloatVector.broadcast(S, 2f).div(exp(a.add(a)).add(one)));
        large = large.blend(large.neg(), x.compare(VectorOperators.LT, 0f));
        return large.blend(small, a.compare(VectorOperators.LT, 0.625f));  // NaN compares false: NaN from large
    }

    /**
     * {@code e/(1+e)} or {@code 1/(1+e)} with {@code e = e^{−|x|}}, as the double path does: the exponential
     * never overflows, and tiny results keep their relative accuracy.
     */
    static FloatVector sigmoid(FloatVector x) {
        FloatVector e = exp(x.abs().neg());
        FloatVector one = FloatVector.broadcast(S, 1f);
        return one.blend(e, x.compare(VectorOperators.LT, 0f)).div(e.add(one));
    }

    static FloatVector erf(FloatVector x) {
        FloatVector a = x.abs();
        FloatVector x2 = x.mul(x);
        FloatVector small = x.mul(polynomial(P, x2));
        FloatVector t = FloatVector.broadcast(S, 1f).div(a.fma(0.5f, 1f));
        FloatVector erfc = exp(x2.neg()).mul(polynomial(Q, t));
        FloatVector large = FloatVector.broadcast(S, 1f).sub(erfc);
        large = large.blend(large.neg(), x.compare(VectorOperators.LT, 0f));
        return large.blend(small, a.compare(VectorOperators.LT, 1f));  // NaN compares false: NaN from large
    }

    /** {@code c[0] + c[1]·v + ...} by Horner's rule with fused multiply-adds. */
    private static FloatVector polynomial(float[] c, FloatVector v) {
        FloatVector r = FloatVector.broadcast(S, c[c.length - 1]);
        for (int k = c.length - 2; k >= 0; k--) {
            r = r.fma(v, FloatVector.broadcast(S, c[k]));
        }
        return r;
    }
}
