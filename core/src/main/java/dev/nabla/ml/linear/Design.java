package dev.nabla.ml.linear;

import dev.nabla.Tensor;

/**
 * A linear model's design: the features and whether an intercept follows the coefficients as the
 * last parameter row. The intercept is applied as a bias instead of a column of ones appended to the
 * features, so fitting never copies the data; {@link #scores} and {@link #adjoint} are the two
 * matrix products every closed-form gradient is made of.
 *
 * @param features {@code X}, {@code [n, d]}
 * @param intercept whether parameters carry an intercept row after the {@code d} coefficient rows
 */
public record Design(Tensor features, boolean intercept) {

    /** The design of {@code x} ({@code [n, d]}), with an intercept when {@code fitIntercept}. */
    public static Design of(Tensor x, boolean fitIntercept) {
        return new Design(x, fitIntercept);
    }

    /** The number of features {@code d}. */
    public int numFeatures() {
        return features.size(1);
    }

    /** The number of parameters per output, {@code p = d} or {@code d + 1}. */
    public int width() {
        return numFeatures() + (intercept ? 1 : 0);
    }

    /** {@code X·W + b}: {@code [n]} for parameters {@code [p]}, {@code [n, K]} for {@code [p, K]}. */
    public Tensor scores(Tensor w) {
        Tensor s = features.matmul(coefficients(w));
        return intercept ? s.add(w.select(0, numFeatures())) : s;
    }

    /**
     * The adjoint of {@link #scores}: {@code [Xᵀr; Σ_i r_i]} ({@code [p]} or {@code [p, K]}) for
     * {@code r} of {@code [n]} or {@code [n, K]}, so a loss's gradient is {@code adjoint(∂loss/∂scores)}.
     */
    public Tensor adjoint(Tensor r) {
        Tensor g = features.t().matmul(r);
        return intercept ? Tensor.cat(0, g, r.sum(new int[] {0}, true)) : g;
    }

    /** 1 for coefficient rows and 0 for the intercept row, {@code [p]}: what an L2 penalty applies to. */
    public Tensor penaltyMask() {
        Tensor ones = Tensor.ones(features.dtype(), features.device(), numFeatures());
        return intercept ? Tensor.cat(0, ones, Tensor.zeros(features.dtype(), features.device(), 1)) : ones;
    }

    /** {@code λ·mask⊙w}: the gradient of the masked L2 penalty {@code (λ/2)|w_coef|²}, shaped like {@code w}. */
    public Tensor l2Gradient(Tensor w, double lambda) {
        Tensor mask = penaltyMask();
        return w.mul(w.rank() == 1 ? mask : mask.unsqueeze(1)).mul(lambda);
    }

    /** The coefficient rows of a parameter tensor whose first dimension is {@code p}. */
    public Tensor coefficients(Tensor w) {
        return w.narrow(0, 0, numFeatures());
    }

    /** The intercept row(s) of a parameter tensor (zeros when there is no intercept). */
    public Tensor intercepts(Tensor w) {
        if (intercept) {
            return w.select(0, numFeatures()).contiguous();
        }
        int[] shape = w.shape().toArray();
        return Tensor.zeros(w.dtype(), w.device(), java.util.Arrays.copyOfRange(shape, 1, shape.length));
    }
}
