package dev.nabla.ml.linear;

import dev.nabla.Tensor;
import dev.nabla.ml.linalg.Centered;
import dev.nabla.ml.linalg.HostLinalg;
import dev.nabla.ml.linalg.HostMatrices;
import java.util.Arrays;

/**
 * Features and targets seen column-centred, without a centred copy of X: the Gram matrix {@code XcᵀXc}
 * and {@code Xcᵀyc} are summed block by block ({@link Centered}). An unpenalised intercept drops out of
 * the fit and is {@code b = ȳ - x̄ᵀw} afterwards. Data whose squares overflow (values near 1e160) is
 * divided by powers of two first, which is exact, and the solution scaled back.
 *
 * @param x the features {@code [n, d]}
 * @param y the targets {@code [n]} in x's dtype
 * @param xMean column means (zeros without intercept)
 * @param yMean the target mean (0 without intercept), a scalar tensor
 */
record CenteredData(Tensor x, Tensor y, Tensor xMean, Tensor yMean) {

    static CenteredData of(Tensor x, Tensor y, boolean fitIntercept) {
        Tensor yf = y.to(x.dtype());
        Tensor xMean = fitIntercept ? Centered.mean(x) : Tensor.zeros(x.dtype(), x.device(), x.size(1));
        Tensor yMean = fitIntercept ? yf.mean() : Tensor.scalar(0, x.dtype(), x.device());
        return new CenteredData(x, yf, xMean, yMean);
    }

    /**
     * The centred second moments of the features and targets divided by {@code xScale} and {@code yScale}.
     *
     * @param gram {@code XcᵀXc / xScale²}, {@code [d, d]}
     * @param cross {@code Xcᵀyc / (xScale·yScale)}, {@code [d]}
     * @param xScale the features' scale: 1, or a power of two when their squares overflowed
     * @param yScale the targets' scale, likewise
     */
    record Moments(Tensor gram, Tensor cross, double xScale, double yScale) {

        /** The coefficients {@code w = (yScale/xScale)·u} for the solution {@code u} of the scaled system. */
        Tensor unscale(Tensor u) {
            return CenteredData.unscale(u, xScale, yScale);
        }

        /** A ridge penalty {@code α|w|²} on the scaled system: {@code (α/xScale²)|u|²}. */
        double scaledPenalty(double alpha) {
            return alpha / (xScale * xScale);
        }
    }

    /**
     * The moments in one pass over the blocks; only when they overflow (detected on the small results) are they
     * computed again on data divided by powers of two, so ordinary data pays nothing for the guard.
     */
    Moments moments() {
        Moments plain = moments(1, 1);
        if (finite(plain.gram()) && finite(plain.cross())) {
            return plain;
        }
        return moments(Centered.overflowScale(x, x.size(1)), Centered.overflowScale(y, 1));
    }

    private Moments moments(double xScale, double yScale) {
        Tensor[] p = Centered.crossProducts(x, xMean, xScale, y.unsqueeze(1), yMean, yScale);
        return new Moments(p[0], p[1].reshape(x.size(1)), xScale, yScale);
    }

    private static boolean finite(Tensor t) {
        return Arrays.stream(t.toDoubleArray()).allMatch(Double::isFinite);
    }

    /** The least-squares coefficients by Householder QR of the centred (and power-of-two scaled) features on the host. */
    Tensor qrSolution(String op) {
        double xScale = Centered.overflowScale(x, x.size(1));
        double yScale = Centered.overflowScale(y, 1);
        Tensor u = HostMatrices.toVector(HostLinalg.qrLeastSquares(op, HostMatrices.toHost(x.sub(xMean).div(xScale)),
                HostMatrices.toHost(y.sub(yMean).div(yScale))), x.dtype(), x.device());
        return unscale(u, xScale, yScale);
    }

    private static Tensor unscale(Tensor u, double xScale, double yScale) {
        return xScale == yScale ? u : u.mul(yScale / xScale);
    }

    /** The fitted model for coefficients {@code w} of the centred problem; non-finite coefficients are an error. */
    LinearModel model(String op, Tensor w, int iterations, boolean converged) {
        double[] values = w.toDoubleArray();
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(op + ": the solution has non-finite coefficients "
                        + Arrays.toString(values) + " (features or targets beyond the dtype's range?)");
            }
        }
        double intercept = yMean.item() - xMean.mul(w).sum().item();
        return new LinearModel(w, intercept, iterations, converged);
    }
}
