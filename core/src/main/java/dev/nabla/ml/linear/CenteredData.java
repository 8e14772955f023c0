package dev.nabla.ml.linear;

import dev.nabla.Tensor;

/**
 * Features and targets with their column means removed, so that an unpenalised intercept drops
 * out of the fit: {@code b = ȳ - x̄ᵀw} afterwards.
 */
record CenteredData(Tensor x, Tensor y, Tensor xMean, double yMean) {

    static CenteredData of(Tensor x, Tensor y, boolean fitIntercept) {
        Tensor yf = y.to(x.dtype());
        if (!fitIntercept) {
            return new CenteredData(x, yf, Tensor.zeros(x.dtype(), x.device(), x.size(1)), 0);
        }
        Tensor xMean = x.mean(new int[] {0}, false);
        double yMean = yf.mean().item();
        return new CenteredData(x.sub(xMean), yf.sub(yMean), xMean, yMean);
    }

    /** The fitted model for coefficients {@code w} of the centred problem. */
    LinearModel model(Tensor w, int iterations, boolean converged) {
        double intercept = yMean - xMean.mul(w).sum().item();
        return new LinearModel(w, intercept, iterations, converged);
    }
}
