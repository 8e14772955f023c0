package dev.nabla.ml.linear;

import dev.nabla.Tensor;
import dev.nabla.ml.linalg.Centered;
import dev.nabla.ml.linalg.HostMatrices;
import org.ejml.data.DMatrixRMaj;

/**
 * Features and targets seen column-centred and, when their squares could overflow, divided by
 * powers of two ({@code xScale}, {@code yScale}: exact; 1 otherwise), without a centred copy of X: the Gram matrix {@code XcᵀXc} and
 * {@code Xcᵀyc} are summed block by block ({@link Centered}), and the scaling keeps the squares of
 * data near 1e160 finite. An unpenalised intercept drops out of the fit and is {@code b = ȳ - x̄ᵀw}
 * afterwards.
 *
 * @param x the features {@code [n, d]}
 * @param y the targets {@code [n]} in x's dtype
 * @param xMean column means (zeros without intercept)
 * @param yMean the target mean (0 without intercept), a scalar tensor
 * @param xScale the features' power-of-two scale
 * @param yScale the targets' power-of-two scale
 */
record CenteredData(Tensor x, Tensor y, Tensor xMean, Tensor yMean, double xScale, double yScale) {

    static CenteredData of(Tensor x, Tensor y, boolean fitIntercept) {
        Tensor yf = y.to(x.dtype());
        Tensor xMean = fitIntercept ? Centered.mean(x) : Tensor.zeros(x.dtype(), x.device(), x.size(1));
        Tensor yMean = fitIntercept ? yf.mean() : Tensor.scalar(0, x.dtype(), x.device());
        return new CenteredData(x, yf, xMean, yMean, Centered.overflowScale(x, x.size(1)), Centered.overflowScale(yf, 1));
    }

    /** {@code XcᵀXc / xScale²} ({@code [d, d]}) and {@code Xcᵀyc / (xScale·yScale)} ({@code [d]}), in one pass. */
    Tensor[] products() {
        Tensor[] p = Centered.crossProducts(x, xMean, xScale, y.unsqueeze(1), yMean, yScale);
        return new Tensor[] {p[0], p[1].reshape(x.size(1))};
    }

    /** The centred, scaled features on the host, for solvers that factor X itself. */
    DMatrixRMaj hostFeatures() {
        return HostMatrices.toHost(x.sub(xMean).div(xScale));
    }

    /** The centred, scaled targets on the host. */
    DMatrixRMaj hostTargets() {
        return HostMatrices.toHost(y.sub(yMean).div(yScale));
    }

    /**
     * The coefficients for the solution {@code u} of the scaled system: {@code w = (yScale/xScale)·u}.
     * A ridge penalty {@code α|w|²} becomes {@code (α/xScale²)|u|²} there.
     */
    Tensor unscale(Tensor u) {
        return u.mul(yScale / xScale);
    }

    /** The ridge penalty on the scaled system. */
    double scaledPenalty(double alpha) {
        return alpha / (xScale * xScale);
    }

    /** The fitted model for coefficients {@code w} of the centred problem; non-finite coefficients are an error. */
    LinearModel model(String op, Tensor w, int iterations, boolean converged) {
        double[] values = w.toDoubleArray();
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(op + ": the solution has non-finite coefficients "
                        + java.util.Arrays.toString(values) + " (features or targets beyond the dtype's range?)");
            }
        }
        double intercept = yMean.item() - xMean.mul(w).sum().item();
        return new LinearModel(w, intercept, iterations, converged);
    }
}
