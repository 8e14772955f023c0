package dev.nabla.ml.linear;

import dev.nabla.Tensor;

/**
 * Features with an optional trailing column of ones, so a linear model's intercept is the last
 * parameter, and the mask that keeps that intercept out of the penalty.
 *
 * @param features {@code [n, p]} with {@code p = d} or {@code d + 1}
 * @param penaltyMask {@code [p]}: 1 for coefficients, 0 for the intercept
 * @param numFeatures {@code d}
 * @param intercept whether the ones column is present
 */
public record Design(Tensor features, Tensor penaltyMask, int numFeatures, boolean intercept) {

    /** The design of {@code x} ({@code [n, d]}), with a ones column when {@code fitIntercept}. */
    public static Design of(Tensor x, boolean fitIntercept) {
        int d = x.size(1);
        if (!fitIntercept) {
            return new Design(x, Tensor.ones(x.dtype(), x.device(), d), d, false);
        }
        Tensor ones = Tensor.ones(x.dtype(), x.device(), x.size(0), 1);
        Tensor mask = Tensor.cat(0, Tensor.ones(x.dtype(), x.device(), d), Tensor.zeros(x.dtype(), x.device(), 1));
        return new Design(Tensor.cat(1, x, ones), mask, d, true);
    }

    /** The number of parameters per output, {@code p}. */
    public int width() {
        return features.size(1);
    }

    /** The coefficient rows of a parameter tensor whose first dimension is {@code p}. */
    public Tensor coefficients(Tensor w) {
        return w.narrow(0, 0, numFeatures).contiguous();
    }

    /** The intercept row(s) of a parameter tensor (zeros when there is no intercept). */
    public Tensor intercepts(Tensor w) {
        if (intercept) {
            return w.select(0, numFeatures).contiguous();
        }
        int[] shape = w.shape().toArray();
        return Tensor.zeros(w.dtype(), w.device(), java.util.Arrays.copyOfRange(shape, 1, shape.length));
    }
}
