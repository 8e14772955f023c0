package dev.nabla.ml.cluster;

import dev.nabla.Tensor;
import dev.nabla.ml.Inputs;
import dev.nabla.ml.UnsupervisedLearner;
import java.util.Objects;

/**
 * A Gaussian mixture fitted by expectation-maximisation, initialised from k-means. The E-step
 * computes responsibilities (soft) or winner-take-all assignments (hard); the M-step re-estimates
 * weights, means and covariances with one-hot/responsibility matrix products on the device.
 * {@code regularization} is added to every covariance diagonal to keep it positive definite.
 *
 * @param k number of components
 * @param covarianceType full or diagonal covariances
 * @param variant soft or hard EM
 * @param regularization added to covariance diagonals, {@code >= 0}
 * @param maxIterations EM iteration limit
 * @param tolerance stop when the mean log-likelihood changes by less than this
 * @param seed seed of the k-means initialisation
 */
public record GaussianMixture(int k, CovarianceType covarianceType, EmVariant variant, double regularization,
        int maxIterations, double tolerance, long seed) implements UnsupervisedLearner<GaussianMixtureModel> {

    /** Validates the settings. */
    public GaussianMixture {
        Inputs.requirePositive("GaussianMixture", "k", k);
        Objects.requireNonNull(covarianceType, "GaussianMixture: covarianceType");
        Objects.requireNonNull(variant, "GaussianMixture: variant");
        Inputs.requireNonNegative("GaussianMixture", "regularization", regularization);
        Inputs.requirePositive("GaussianMixture", "maxIterations", maxIterations);
        Inputs.requireNonNegative("GaussianMixture", "tolerance", tolerance);
    }

    /** Full covariances, soft EM, regularisation 1e-6, 200 iterations, tolerance 1e-8. */
    public static GaussianMixture of(int k, long seed) {
        return new GaussianMixture(k, CovarianceType.FULL, EmVariant.SOFT, 1e-6, 200, 1e-8, seed);
    }

    /** A copy with other covariance shape and EM variant. */
    public GaussianMixture with(CovarianceType type, EmVariant em) {
        return new GaussianMixture(k, type, em, regularization, maxIterations, tolerance, seed);
    }

    @Override
    public GaussianMixtureModel fit(Tensor x) {
        Inputs.requireMatrix("GaussianMixture.fit", x);
        Inputs.requireAtMostSamples("GaussianMixture.fit", "k", k, x.size(0));
        KMeansModel init = new KMeans(k, KMeansInit.KMEANS_PLUS_PLUS, 3, 100, 1e-8, seed).fit(x);
        GaussianMixtureModel model = maximise(x, init.predict(x).oneHot(k).to(x.dtype()), Double.NaN, 0, false);
        double previous = Double.NEGATIVE_INFINITY;
        for (int it = 1; it <= maxIterations; it++) {
            Tensor logJoint = model.logJoint(x);
            Tensor logNorm = logJoint.logsumexp(new int[] {1}, true);
            double ll = logNorm.mean().item();
            Tensor resp = variant == EmVariant.SOFT ? logJoint.sub(logNorm).exp()
                    : logJoint.argmax(1, false).oneHot(k).to(x.dtype());
            if (Math.abs(ll - previous) < tolerance) {
                return withLikelihood(model, ll, it, true);
            }
            previous = ll;
            model = maximise(x, resp, ll, it, false);
        }
        return withLikelihood(model, model.score(x), maxIterations, false);
    }

    private static GaussianMixtureModel withLikelihood(GaussianMixtureModel m, double ll, int it, boolean converged) {
        return new GaussianMixtureModel(m.weights(), m.means(), m.covariances(), m.covarianceType(), ll, it, converged);
    }

    /** The M-step for responsibilities {@code resp} ({@code [n, k]}). */
    private GaussianMixtureModel maximise(Tensor x, Tensor resp, double ll, int it, boolean converged) {
        int n = x.size(0);
        int d = x.size(1);
        // a tiny floor keeps an empty component's statistics finite (its covariance becomes the regulariser)
        Tensor nk = resp.sum(new int[] {0}, false).add(1e-10);
        Tensor weights = nk.div(n);
        Tensor means = resp.t().matmul(x).div(nk.unsqueeze(1));
        Tensor covariances;
        if (covarianceType == CovarianceType.FULL) {
            Tensor[] covs = new Tensor[k];
            Tensor ridge = Tensor.eye(d, x.dtype(), x.device()).mul(regularization);
            for (int j = 0; j < k; j++) {
                Tensor centred = x.sub(means.select(0, j));
                Tensor weighted = centred.mul(resp.select(1, j).unsqueeze(1));
                covs[j] = weighted.t().matmul(centred).div(nk.select(0, j)).add(ridge);
            }
            covariances = Tensor.stack(0, covs);
        } else {
            Tensor second = resp.t().matmul(x.mul(x)).div(nk.unsqueeze(1));
            covariances = second.sub(means.mul(means)).relu().add(regularization);
        }
        return new GaussianMixtureModel(weights, means, covariances, covarianceType, ll, it, converged);
    }
}
