package dev.nabla.ml.cluster;

import dev.nabla.Tensor;
import dev.nabla.ml.Inputs;
import dev.nabla.ml.RowBlocks;
import dev.nabla.ml.linalg.HostLinalg;
import dev.nabla.ml.linalg.HostMatrices;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.ejml.data.DMatrixRMaj;

/**
 * A fitted Gaussian mixture.
 *
 * @param weights mixing proportions {@code [k]}
 * @param means {@code [k, d]}
 * @param covariances {@code [k, d, d]} (full) or {@code [k, d]} variances (diagonal), regularisation included
 * @param covarianceType the covariance shape
 * @param logLikelihood mean log-likelihood per training row at the last E-step (scikit-learn's {@code lower_bound_})
 * @param iterations EM iterations
 * @param converged whether the log-likelihood change fell below the tolerance
 */
public record GaussianMixtureModel(Tensor weights, Tensor means, Tensor covariances, CovarianceType covarianceType,
        double logLikelihood, int iterations, boolean converged) {

    /**
     * {@code log π_j + log N(x_i | μ_j, Σ_j)}, {@code [n, k]}, computed over blocks of rows. Diagonal
     * covariances take two matrix products per block, {@code x²·(1/σ²)ᵀ} and {@code x·(μ/σ²)ᵀ}, as
     * scikit-learn does; full ones whiten {@code x - μ_j} by the inverse Cholesky factor of {@code Σ_j}
     * (one product per component and block).
     */
    public Tensor logJoint(Tensor x) {
        Inputs.requireFeatures("GaussianMixtureModel.logJoint", x, means.size(1));
        UnaryOperator<Tensor> block = covarianceType == CovarianceType.FULL ? fullLogJoint(x) : diagonalLogJoint(x);
        List<Tensor> parts = new ArrayList<>();
        RowBlocks.forEach(x, b -> parts.add(block.apply(b.rows())));
        return parts.size() == 1 ? parts.get(0) : Tensor.cat(0, parts.toArray(Tensor[]::new));
    }

    private UnaryOperator<Tensor> diagonalLogJoint(Tensor like) {
        Tensor precisions = covariances.to(like.dtype()).pow(-1);
        Tensor mu = means.to(like.dtype());
        int d = mu.size(1);
        // per component: log π - ½(d log 2π + Σ log σ² + Σ μ²/σ²)
        Tensor constant = weights.to(like.dtype()).log()
                .sub(covariances.to(like.dtype()).log().sum(new int[] {1}, false).add(d * Math.log(2 * Math.PI))
                        .add(mu.mul(mu).mul(precisions).sum(new int[] {1}, false)).mul(0.5));
        Tensor squareWeights = precisions.t().mul(-0.5);
        Tensor linearWeights = mu.mul(precisions).t();
        return xb -> xb.mul(xb).matmul(squareWeights).add(xb.matmul(linearWeights)).add(constant);
    }

    private UnaryOperator<Tensor> fullLogJoint(Tensor like) {
        int k = weights.size(0);
        int d = means.size(1);
        Tensor[] whiten = new Tensor[k];
        double[] constants = new double[k];
        double[] w = weights.toDoubleArray();
        for (int j = 0; j < k; j++) {
            DMatrixRMaj lower = HostLinalg.choleskyLower("GaussianMixtureModel",
                    HostMatrices.toHost(covariances.select(0, j)));
            // |L⁻¹(x - μ)|² is the Mahalanobis distance
            whiten[j] = HostMatrices.toTensor(HostLinalg.transpose(HostLinalg.lowerInverse(lower)), like.dtype(),
                    like.device());
            constants[j] = Math.log(w[j]) - 0.5 * (d * Math.log(2 * Math.PI) + HostLinalg.logDetFromCholesky(lower));
        }
        Tensor mu = means.to(like.dtype());
        return xb -> {
            Tensor[] columns = new Tensor[k];
            for (int j = 0; j < k; j++) {
                Tensor z = xb.sub(mu.select(0, j)).matmul(whiten[j]);
                columns[j] = z.mul(z).sum(new int[] {1}, false).mul(-0.5).add(constants[j]);
            }
            return Tensor.stack(1, columns);
        };
    }

    /** The log-density of each row under the mixture, {@code [n]}. */
    public Tensor scoreSamples(Tensor x) {
        return logJoint(x).logsumexp(new int[] {1}, false);
    }

    /** The mean log-likelihood per row of {@code x}. */
    public double score(Tensor x) {
        return scoreSamples(x).mean().item();
    }

    /** Posterior component probabilities {@code [n, k]}. */
    public Tensor predictProba(Tensor x) {
        Tensor lj = logJoint(x);
        return lj.sub(lj.logsumexp(new int[] {1}, true)).exp();
    }

    /** The most probable component (INT64) of each row. */
    public Tensor predict(Tensor x) {
        return logJoint(x).argmax(1, false);
    }
}
