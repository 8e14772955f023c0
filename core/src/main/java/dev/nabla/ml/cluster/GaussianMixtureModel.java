package dev.nabla.ml.cluster;

import dev.nabla.Tensor;
import dev.nabla.ml.Inputs;
import dev.nabla.ml.linalg.HostLinalg;
import dev.nabla.ml.linalg.HostMatrices;
import org.ejml.data.DMatrixRMaj;

/**
 * A fitted Gaussian mixture.
 *
 * @param weights mixing proportions {@code [k]}
 * @param means {@code [k, d]}
 * @param covariances {@code [k, d, d]} (full) or {@code [k, d]} variances (diagonal), regularisation included
 * @param covarianceType the covariance shape
 * @param logLikelihood mean log-likelihood per training row at the end of training
 * @param iterations EM iterations
 * @param converged whether the log-likelihood change fell below the tolerance
 */
public record GaussianMixtureModel(Tensor weights, Tensor means, Tensor covariances, CovarianceType covarianceType,
        double logLikelihood, int iterations, boolean converged) {

    /** {@code log π_j + log N(x_i | μ_j, Σ_j)}, {@code [n, k]}. */
    public Tensor logJoint(Tensor x) {
        Inputs.requireFeatures("GaussianMixtureModel.logJoint", x, means.size(1));
        int k = weights.size(0);
        int d = means.size(1);
        Tensor[] columns = new Tensor[k];
        for (int j = 0; j < k; j++) {
            Tensor centred = x.sub(means.select(0, j).to(x.dtype()));
            double logDet;
            Tensor maha;
            if (covarianceType == CovarianceType.FULL) {
                // whiten with the inverse Cholesky factor: |L⁻¹(x - μ)|² is the Mahalanobis distance
                DMatrixRMaj lower = HostLinalg.choleskyLower("GaussianMixtureModel",
                        HostMatrices.toHost(covariances.select(0, j)));
                logDet = HostLinalg.logDetFromCholesky(lower);
                Tensor whiten = HostMatrices.toTensor(HostLinalg.transpose(HostLinalg.lowerInverse(lower)), x.dtype(),
                        x.device());
                Tensor z = centred.matmul(whiten);
                maha = z.mul(z).sum(new int[] {1}, false);
            } else {
                Tensor variances = covariances.select(0, j).to(x.dtype());
                logDet = variances.log().sum().item();
                maha = centred.mul(centred).div(variances).sum(new int[] {1}, false);
            }
            double constant = Math.log(weights.select(0, j).item()) - 0.5 * (d * Math.log(2 * Math.PI) + logDet);
            columns[j] = maha.mul(-0.5).add(constant);
        }
        return Tensor.stack(1, columns);
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
