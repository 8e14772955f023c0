package dev.nabla.ml.cluster;

import dev.nabla.Tensor;
import dev.nabla.ml.ConvergenceWarning;
import dev.nabla.ml.Inputs;
import dev.nabla.ml.Precision;
import dev.nabla.ml.RowBlocks;
import dev.nabla.ml.UnsupervisedLearner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A Gaussian mixture fitted by expectation-maximisation with scikit-learn's schedule: initial
 * parameters from the k-means assignments (one k-means++ run), then E- and M-steps until the mean
 * log-likelihood of the E-step changes by less than {@code tolerance}. The E-step computes
 * responsibilities (soft) or winner-take-all assignments (hard) block by block
 * ({@link GaussianMixtureModel#logJoint}); the M-step re-estimates weights and means with
 * {@code respᵀX} products, diagonal variances with {@code respᵀX²} ({@code E[x²] - μ²}, as
 * scikit-learn), full covariances with one weighted product of centred rows per component. Memory
 * beyond X: the {@code [n, k]} responsibilities and one block's scratch. {@code regularization} is
 * added to every covariance diagonal to keep it positive definite. Components that end with equal
 * means (k above the number of distinct rows) log a warning.
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

    /** Full covariances, soft EM, regularisation 1e-6, 100 iterations, tolerance 1e-3 (scikit-learn's defaults). */
    public static GaussianMixture of(int k, long seed) {
        return new GaussianMixture(k, CovarianceType.FULL, EmVariant.SOFT, 1e-6, 100, 1e-3, seed);
    }

    /** A copy with other covariance shape and EM variant. */
    public GaussianMixture with(CovarianceType type, EmVariant em) {
        return new GaussianMixture(k, type, em, regularization, maxIterations, tolerance, seed);
    }

    @Override
    public GaussianMixtureModel fit(Tensor x) {
        String op = "GaussianMixture.fit";
        Inputs.requireMatrix(op, x);
        Inputs.requireAtMostSamples(op, "k", k, x.size(0));
        KMeansModel init = new KMeans(k, KMeansInit.KMEANS_PLUS_PLUS, 1, 300, 1e-4, seed).fit(x);
        List<Tensor> resp = new ArrayList<>();
        Tensor labels = init.predict(x);
        RowBlocks.forEach(x, b -> resp.add(labels.narrow(0, b.start(), b.length()).oneHot(k).to(x.dtype())));
        return em(op, x, maximise(x, resp, Double.NaN, 0, false));
    }

    /**
     * EM from given parameters instead of k-means (scikit-learn's {@code weights_init}, {@code means_init}
     * and {@code precisions_init}): the same start gives the same mixture on every backend and in scikit-learn.
     *
     * @param initial the starting weights, means and covariances; its other fields are ignored
     */
    public GaussianMixtureModel fit(Tensor x, GaussianMixtureModel initial) {
        String op = "GaussianMixture.fit";
        Inputs.requireMatrix(op, x);
        if (initial.covarianceType() != covarianceType || initial.weights().numel() != k) {
            throw new IllegalArgumentException(op + ": the initial model has " + initial.weights().numel() + " "
                    + initial.covarianceType() + " components, expected " + k + " " + covarianceType);
        }
        Inputs.requireFeatures(op, initial.means(), x.size(1));
        return em(op, x, initial);
    }

    private GaussianMixtureModel em(String op, Tensor x, GaussianMixtureModel start) {
        GaussianMixtureModel model = start;
        double likelihood = Double.NEGATIVE_INFINITY;
        for (int it = 1; it <= maxIterations; it++) {
            double previous = likelihood;
            List<Tensor> resp = new ArrayList<>();
            likelihood = expect(model, x, resp);
            model = maximise(x, resp, likelihood, it, false);
            if (Math.abs(likelihood - previous) < tolerance) {
                return checked(op, new GaussianMixtureModel(model.weights(), model.means(), model.covariances(),
                        covarianceType, likelihood, it, true));
            }
        }
        ConvergenceWarning.warn(op, "EM stopped after " + maxIterations + " iterations; raise maxIterations or "
                + "tolerance, or check the initialisation");
        return checked(op, model);
    }

    /** The E-step: each block's responsibilities into {@code resp}; returns the mean log-likelihood. */
    private double expect(GaussianMixtureModel model, Tensor x, List<Tensor> resp) {
        double[] total = {0};
        RowBlocks.forEach(x, b -> {
            Tensor logJoint = model.logJoint(b.rows());
            Tensor logNorm = logJoint.logsumexp(new int[] {1}, true);
            total[0] += logNorm.sum().item();
            resp.add(variant == EmVariant.SOFT ? logJoint.sub(logNorm).exp()
                    : logJoint.argmax(1, false).oneHot(k).to(x.dtype()));
        });
        return total[0] / x.size(0);
    }

    /** The M-step for the responsibilities of each block of rows. */
    private GaussianMixtureModel maximise(Tensor x, List<Tensor> resp, double ll, int it, boolean converged) {
        int d = x.size(1);
        Tensor[] nk = {null};
        Tensor[] sums = {null};
        Tensor[] squares = {null};
        RowBlocks.forEach(x, b -> {
            Tensor r = resp.get(b.start() / RowBlocks.ROWS);
            nk[0] = accumulate(nk[0], r.sum(new int[] {0}, false));
            sums[0] = accumulate(sums[0], r.t().matmul(b.rows()));
            if (covarianceType == CovarianceType.DIAGONAL) {
                squares[0] = accumulate(squares[0], r.t().matmul(b.rows().mul(b.rows())));
            }
        });
        // scikit-learn's floor of 10 machine epsilons keeps an empty component's statistics finite
        Tensor counts = nk[0].add(10 * Precision.epsilon(x.dtype()));
        Tensor means = sums[0].div(counts.unsqueeze(1));
        Tensor covariances;
        if (covarianceType == CovarianceType.FULL) {
            Tensor[] covs = new Tensor[k];
            Tensor ridge = Tensor.eye(d, x.dtype(), x.device()).mul(regularization);
            for (int j = 0; j < k; j++) {
                int component = j;
                Tensor[] scatter = {null};
                RowBlocks.forEach(x, b -> {
                    Tensor centred = b.rows().sub(means.select(0, component));
                    Tensor weighted = centred.mul(resp.get(b.start() / RowBlocks.ROWS).select(1, component).unsqueeze(1));
                    scatter[0] = accumulate(scatter[0], weighted.t().matmul(centred));
                });
                covs[j] = scatter[0].div(counts.select(0, j)).add(ridge);
            }
            covariances = Tensor.stack(0, covs);
        } else {
            covariances = squares[0].div(counts.unsqueeze(1)).sub(means.mul(means)).relu().add(regularization);
        }
        return new GaussianMixtureModel(counts.div(x.size(0)), means, covariances, covarianceType, ll, it, converged);
    }

    private static Tensor accumulate(Tensor total, Tensor part) {
        return total == null ? part : total.add(part);
    }

    private GaussianMixtureModel checked(String op, GaussianMixtureModel model) {
        int d = model.means().size(1);
        double[] m = model.means().toDoubleArray();
        long distinct = java.util.stream.IntStream.range(0, k)
                .mapToObj(j -> Arrays.toString(Arrays.copyOfRange(m, j * d, (j + 1) * d))).distinct().count();
        if (distinct < k) {
            ConvergenceWarning.warn(op, "only " + distinct + " of the " + k + " components have distinct means; "
                    + "possibly due to duplicate points in X");
        }
        return model;
    }
}
