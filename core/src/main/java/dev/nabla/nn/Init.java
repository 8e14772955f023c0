package dev.nabla.nn;

import dev.nabla.DType;
import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;

/**
 * Weight initialisers with PyTorch's definitions ({@code torch.nn.init}). Each fills the given
 * tensor in place (outside the graph, so parameters may be passed directly), draws from the given
 * {@link Generator}, and returns the tensor.
 */
public final class Init {

    /** Which fan scales the variance: fan-in preserves forward activations, fan-out backward gradients. */
    public enum FanMode {
        /** Input connections per unit. */
        FAN_IN,
        /** Output connections per unit. */
        FAN_OUT
    }

    /** Nonlinearities with a recommended gain. */
    public enum Nonlinearity {
        /** Gain 1. */
        LINEAR,
        /** Gain 1 (any convolution). */
        CONV,
        /** Gain 1. */
        SIGMOID,
        /** Gain 5/3. */
        TANH,
        /** Gain sqrt(2). */
        RELU,
        /** Gain sqrt(2 / (1 + slope²)). */
        LEAKY_RELU,
        /** Gain 3/4. */
        SELU
    }

    private Init() {
    }

    /**
     * The recommended gain for a nonlinearity.
     *
     * @param param the negative slope for {@link Nonlinearity#LEAKY_RELU} (ignored otherwise)
     */
    public static double calculateGain(Nonlinearity nonlinearity, double param) {
        return switch (nonlinearity) {
            case LINEAR, CONV, SIGMOID -> 1;
            case TANH -> 5.0 / 3;
            case RELU -> Math.sqrt(2);
            case LEAKY_RELU -> Math.sqrt(2 / (1 + param * param));
            case SELU -> 0.75;
        };
    }

    /** The gain with PyTorch's default parameter (slope 0.01 for leaky ReLU). */
    public static double calculateGain(Nonlinearity nonlinearity) {
        return calculateGain(nonlinearity, 0.01);
    }

    /**
     * {@code {fanIn, fanOut}}: for a weight {@code [out, in, k...]}, {@code in·Πk} and {@code out·Πk}.
     *
     * @throws IllegalArgumentException for fewer than 2 dimensions
     */
    public static int[] fans(Tensor t) {
        if (t.rank() < 2) {
            throw new IllegalArgumentException("Init.fans: fan in and fan out need at least 2 dimensions, got shape "
                    + t.shape());
        }
        int receptive = t.numel() / (t.size(0) * t.size(1));
        return new int[] {t.size(1) * receptive, t.size(0) * receptive};
    }

    /** Fills with {@code value}. */
    public static Tensor constant(Tensor t, double value) {
        try (GradMode ignored = Autograd.noGradScope()) {
            t.fillInPlace(value);
        }
        return t;
    }

    /** Fills with zeros. */
    public static Tensor zeros(Tensor t) {
        return constant(t, 0);
    }

    /** Fills with ones. */
    public static Tensor ones(Tensor t) {
        return constant(t, 1);
    }

    /** Fills from U(low, high). */
    public static Tensor uniform(Tensor t, double low, double high, Generator gen) {
        return fill(t, Tensor.uniform(gen, low, high, t.dtype(), t.device(), t.shape().toArray()));
    }

    /** Fills from N(mean, std²). */
    public static Tensor normal(Tensor t, double mean, double std, Generator gen) {
        return fill(t, Tensor.normal(gen, mean, std, t.dtype(), t.device(), t.shape().toArray()));
    }

    private static Tensor fill(Tensor t, Tensor values) {
        try (GradMode ignored = Autograd.noGradScope()) {
            t.copyFrom(values);
        }
        return t;
    }

    /** Glorot uniform: U(±gain·sqrt(6 / (fanIn + fanOut))). */
    public static Tensor xavierUniform(Tensor t, double gain, Generator gen) {
        int[] f = fans(t);
        double bound = gain * Math.sqrt(6.0 / (f[0] + f[1]));
        return uniform(t, -bound, bound, gen);
    }

    /** Glorot normal: N(0, gain²·2 / (fanIn + fanOut)). */
    public static Tensor xavierNormal(Tensor t, double gain, Generator gen) {
        int[] f = fans(t);
        return normal(t, 0, gain * Math.sqrt(2.0 / (f[0] + f[1])), gen);
    }

    private static double kaimingStd(Tensor t, double a, FanMode mode, Nonlinearity nonlinearity) {
        int[] f = fans(t);
        return calculateGain(nonlinearity, a) / Math.sqrt(mode == FanMode.FAN_IN ? f[0] : f[1]);
    }

    /**
     * He uniform: U(±sqrt(3)·gain / sqrt(fan)).
     *
     * @param a the negative slope, used by {@link Nonlinearity#LEAKY_RELU}
     */
    public static Tensor kaimingUniform(Tensor t, double a, FanMode mode, Nonlinearity nonlinearity, Generator gen) {
        double bound = Math.sqrt(3) * kaimingStd(t, a, mode, nonlinearity);
        return uniform(t, -bound, bound, gen);
    }

    /**
     * He normal: N(0, (gain / sqrt(fan))²).
     *
     * @param a the negative slope, used by {@link Nonlinearity#LEAKY_RELU}
     */
    public static Tensor kaimingNormal(Tensor t, double a, FanMode mode, Nonlinearity nonlinearity, Generator gen) {
        return normal(t, 0, kaimingStd(t, a, mode, nonlinearity), gen);
    }

    /**
     * A (semi-)orthogonal matrix times {@code gain}: the tensor seen as {@code [size(0), rest]}
     * gets orthonormal rows or columns, whichever are fewer, from the QR factorisation of a
     * Gaussian matrix with the signs fixed so R has a positive diagonal.
     */
    public static Tensor orthogonal(Tensor t, double gain, Generator gen) {
        if (t.rank() < 2) {
            throw new IllegalArgumentException("Init.orthogonal: needs at least 2 dimensions, got shape " + t.shape());
        }
        int rows = t.size(0);
        int cols = t.numel() / rows;
        int tall = Math.max(rows, cols);
        int narrow = Math.min(rows, cols);
        double[] a = Tensor.normal(gen, 0, 1, DType.FLOAT64, t.device(), tall, narrow).toDoubleArray();
        orthonormalizeColumns(a, tall, narrow);
        double[] out = new double[rows * cols];
        for (int i = 0; i < tall; i++) {
            for (int j = 0; j < narrow; j++) {
                // a tall Q fills the matrix directly; a wide one is its transpose
                int at = rows >= cols ? i * cols + j : j * cols + i;
                out[at] = gain * a[i * narrow + j];
            }
        }
        return fill(t, Tensor.of(out, t.shape().toArray()).to(t.device()));
    }

    /** Modified Gram–Schmidt, twice for accuracy, on the columns of a row-major {@code m × n} matrix (m ≥ n). */
    private static void orthonormalizeColumns(double[] a, int m, int n) {
        for (int pass = 0; pass < 2; pass++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < j; k++) {
                    double dot = 0;
                    for (int i = 0; i < m; i++) {
                        dot += a[i * n + k] * a[i * n + j];
                    }
                    for (int i = 0; i < m; i++) {
                        a[i * n + j] -= dot * a[i * n + k];
                    }
                }
                double norm = 0;
                for (int i = 0; i < m; i++) {
                    norm += a[i * n + j] * a[i * n + j];
                }
                norm = Math.sqrt(norm);
                for (int i = 0; i < m; i++) {
                    a[i * n + j] /= norm;
                }
            }
        }
    }
}
