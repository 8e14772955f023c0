package dev.nabla.ml.linalg;

import dev.nabla.Tensor;
import dev.nabla.ml.RowBlocks;

/**
 * Products of column-centred data computed block by block ({@link RowBlocks}), so centring never
 * materialises a second copy of X: {@code Σ_b (X_b - μ)ᵀ(X_b - μ)} and friends. Centring before the
 * product (rather than {@code XᵀX - n·μμᵀ}) keeps the cancellation out of data with a large mean.
 */
public final class Centered {

    private Centered() {
    }

    /** The column means {@code [d]}. */
    public static Tensor mean(Tensor x) {
        return x.mean(new int[] {0}, false);
    }

    /** The mean over the columns of their (population) variances, scikit-learn's k-means tolerance scale. */
    public static double meanVariance(Tensor x, Tensor mean) {
        double[] sum = {0};
        RowBlocks.forEach(x, b -> {
            Tensor c = b.rows().sub(mean);
            sum[0] += c.mul(c).sum().item();
        });
        return sum[0] / ((double) x.size(0) * x.size(1));
    }

    /**
     * {@code Σ_i ((x_i - μ)/s)ᵀ((y_i - ν)/t)}: {@code [d, e]} for {@code x [n, d]} and {@code y [n, e]}, or
     * {@code [d]} for a vector {@code y}; {@code y == x} gives the scatter matrix. The power-of-two scales
     * keep squares of huge values finite and are exact.
     */
    public static Tensor crossProduct(Tensor x, Tensor xMean, double xScale, Tensor y, Tensor yMean, double yScale) {
        Tensor[] total = {null};
        RowBlocks.forEach(x, b -> {
            Tensor cx = b.rows().sub(xMean).div(xScale);
            Tensor cy = y == x ? cx : y.narrow(0, b.start(), b.length()).sub(yMean).div(yScale);
            Tensor p = cx.t().matmul(cy);
            total[0] = total[0] == null ? p : total[0].add(p);
        });
        return total[0];
    }

    /** The power of two nearest the largest magnitude in {@code t} (1 for an all-zero tensor). */
    public static double powerOfTwoScale(Tensor t) {
        double[] max = {0};
        RowBlocks.forEach(t.rank() == 1 ? t.unsqueeze(1) : t, b -> max[0] = Math.max(max[0], b.rows().abs().max().item()));
        return max[0] == 0 || !Double.isFinite(max[0]) ? 1 : Math.scalb(1.0, Math.getExponent(max[0]));
    }
}
