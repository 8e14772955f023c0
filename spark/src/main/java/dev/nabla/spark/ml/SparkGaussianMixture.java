package dev.nabla.spark.ml;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Tensor;
import dev.nabla.ml.cluster.CovarianceType;
import dev.nabla.ml.cluster.EmVariant;
import dev.nabla.ml.cluster.GaussianMixtureModel;
import dev.nabla.ml.cluster.KMeansModel;
import java.util.Arrays;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;

/**
 * A Gaussian mixture fitted by EM on a Spark data set, as {@link dev.nabla.ml.cluster.GaussianMixture}
 * does on one machine: started from {@link SparkKMeans}' clusters, then each iteration is one Spark
 * job in which every block computes its rows' responsibilities under the broadcast model (soft, or
 * winner-take-all for hard EM) and returns their sufficient statistics (responsibility sums, weighted
 * sums of the rows and of their outer products or squares) with its log-likelihood; the driver
 * re-estimates weights, means and covariances. Returns the same {@link GaussianMixtureModel}.
 *
 * @param k the number of components
 * @param covarianceType full or diagonal covariances
 * @param variant soft or hard EM
 * @param regularization added to covariance diagonals
 * @param maxIterations EM iterations at most
 * @param tolerance stop when the mean log-likelihood changes by less than this
 * @param seed the seed of the k-means start
 */
public record SparkGaussianMixture(int k, CovarianceType covarianceType, EmVariant variant, double regularization,
        int maxIterations, double tolerance, long seed) {

    /** Validates the settings. */
    public SparkGaussianMixture {
        Objects.requireNonNull(covarianceType, "SparkGaussianMixture: covarianceType");
        Objects.requireNonNull(variant, "SparkGaussianMixture: variant");
        if (k < 1 || !(regularization >= 0) || maxIterations < 1 || !(tolerance >= 0)) {
            throw new IllegalArgumentException("SparkGaussianMixture: need k >= 1, regularization >= 0, maxIterations >= 1"
                    + " and tolerance >= 0, got k=" + k + " regularization=" + regularization + " maxIterations="
                    + maxIterations + " tolerance=" + tolerance);
        }
    }

    /** Full covariances, soft EM, regularisation 1e-6, 100 iterations, tolerance 1e-3 (as {@code GaussianMixture.of}). */
    public static SparkGaussianMixture of(int k, long seed) {
        return new SparkGaussianMixture(k, CovarianceType.FULL, EmVariant.SOFT, 1e-6, 100, 1e-3, seed);
    }

    /** Fits the mixture to {@code rows}. */
    public GaussianMixtureModel fit(JavaRDD<double[]> rows) {
        try (Blocks data = Blocks.of(rows, "SparkGaussianMixture.fit")) {
            // one k-means++ run, as GaussianMixture starts
            KMeansModel start = new SparkKMeans(k, 300, 1e-4, 10_000, 1, seed).fit(data);
            Statistics s = statistics(data, packKMeans(start), true);
            GaussianMixtureModel model = maximise(s, data.rows(), data.cols(), Double.NaN, 0);
            double previous = Double.NEGATIVE_INFINITY;
            for (int it = 1; it <= maxIterations; it++) {
                s = statistics(data, pack(model), false);
                double ll = s.logLikelihood / data.rows();
                if (Math.abs(ll - previous) < tolerance) {
                    return withLikelihood(model, ll, it, true);
                }
                previous = ll;
                model = maximise(s, data.rows(), data.cols(), ll, it);
            }
            double finalLl = statistics(data, pack(model), false).logLikelihood / data.rows();
            return withLikelihood(model, finalLl, maxIterations, false);
        }
    }

    private static GaussianMixtureModel withLikelihood(GaussianMixtureModel m, double ll, int it, boolean converged) {
        return new GaussianMixtureModel(m.weights(), m.means(), m.covariances(), m.covarianceType(), ll, it, converged);
    }

    /** Summed responsibilities, their weighted row sums and second moments, and the log-likelihood sum. */
    private record Statistics(double[] nk, double[] sx, double[] sxx, double logLikelihood) {
    }

    /**
     * One pass: responsibilities under the packed model ({@code fromKMeans}: the nearest centroid's
     * one-hot; else the mixture's posterior or its argmax) and their statistics.
     */
    private Statistics statistics(Blocks data, double[] packed, boolean fromKMeans) {
        int d = data.cols();
        int comps = k;
        boolean full = covarianceType == CovarianceType.FULL;
        boolean soft = variant == EmVariant.SOFT;
        CovarianceType type = covarianceType;
        int second = full ? d * d : d;
        Broadcast<double[]> model = data.broadcast(packed);
        double[] all = data.sum(1 + comps * (1 + d + second), b -> {
            Tensor x = b.features();
            Tensor resp;
            double ll = 0;
            if (fromKMeans) {
                resp = SparkKMeans.centroidsModel(model.value(), comps, d).predict(x).oneHot(comps).to(DType.FLOAT64);
            } else {
                Tensor logJoint = unpack(model.value(), comps, d, type).logJoint(x);
                Tensor logNorm = logJoint.logsumexp(new int[] {1}, true);
                ll = logNorm.sum().item();
                resp = soft ? logJoint.sub(logNorm).exp() : logJoint.argmax(1, false).oneHot(comps).to(DType.FLOAT64);
            }
            double[] out = new double[1 + comps * (1 + d + second)];
            out[0] = ll;
            System.arraycopy(resp.sum(new int[] {0}, false).toDoubleArray(), 0, out, 1, comps);
            System.arraycopy(resp.t().matmul(x).toDoubleArray(), 0, out, 1 + comps, comps * d);
            int at = 1 + comps + comps * d;
            for (int j = 0; j < comps; j++) {
                Tensor weighted = x.mul(resp.select(1, j).unsqueeze(1));
                double[] m = full ? weighted.t().matmul(x).toDoubleArray() : weighted.mul(x).sum(new int[] {0}, false)
                        .toDoubleArray();
                System.arraycopy(m, 0, out, at + j * second, second);
            }
            return out;
        });
        model.destroy();
        int at = 1 + comps + comps * d;
        return new Statistics(Arrays.copyOfRange(all, 1, 1 + comps), Arrays.copyOfRange(all, 1 + comps, at),
                Arrays.copyOfRange(all, at, all.length), all[0]);
    }

    /**
     * The M-step from summed statistics: weights {@code n_k / n}, means {@code Σ r x / n_k}, and
     * covariances {@code Σ r (x - μ)(x - μ)ᵀ / n_k} (expanded from the raw moments) plus the
     * regulariser, with the single-machine learner's 1e-10 floor on {@code n_k}.
     */
    private GaussianMixtureModel maximise(Statistics s, long n, int d, double ll, int it) {
        Tensor r = vector(s.nk());
        Tensor nk = r.add(1e-10);
        Tensor weights = nk.div(n);
        Tensor means = vector(s.sx()).reshape(k, d).div(nk.unsqueeze(1));
        Tensor covariances;
        if (covarianceType == CovarianceType.FULL) {
            Tensor sxx = vector(s.sxx()).reshape(k, d, d);
            Tensor sx = vector(s.sx()).reshape(k, d);
            Tensor mu = means;
            // Σ r (x-μ)(x-μ)ᵀ = Sxx - μ Sxᵀ - Sx μᵀ + (Σ r) μ μᵀ
            Tensor outer = mu.unsqueeze(2).matmul(mu.unsqueeze(1));
            Tensor cross = mu.unsqueeze(2).matmul(sx.unsqueeze(1));
            Tensor centred = sxx.sub(cross).sub(cross.transpose(1, 2)).add(outer.mul(r.reshape(k, 1, 1)));
            covariances = centred.div(nk.reshape(k, 1, 1)).add(Tensor.eye(d, DType.FLOAT64, Device.CPU).mul(regularization));
        } else {
            Tensor secondMoment = vector(s.sxx()).reshape(k, d).div(nk.unsqueeze(1));
            covariances = secondMoment.sub(means.mul(means)).relu().add(regularization);
        }
        return new GaussianMixtureModel(weights, means, covariances, covarianceType, ll, it, false);
    }

    private static Tensor vector(double[] values) {
        return Tensor.of(values, values.length).to(Device.CPU).to(DType.FLOAT64);
    }

    private static double[] packKMeans(KMeansModel m) {
        return m.centroids().toDoubleArray();
    }

    /** Weights, means and covariances, one after the other. */
    private static double[] pack(GaussianMixtureModel m) {
        double[] w = m.weights().toDoubleArray();
        double[] mu = m.means().toDoubleArray();
        double[] c = m.covariances().toDoubleArray();
        double[] out = new double[w.length + mu.length + c.length];
        System.arraycopy(w, 0, out, 0, w.length);
        System.arraycopy(mu, 0, out, w.length, mu.length);
        System.arraycopy(c, 0, out, w.length + mu.length, c.length);
        return out;
    }

    private static GaussianMixtureModel unpack(double[] packed, int k, int d, CovarianceType type) {
        Tensor w = Tensor.of(Arrays.copyOfRange(packed, 0, k), k).to(Device.CPU);
        Tensor mu = Tensor.of(Arrays.copyOfRange(packed, k, k + k * d), k, d).to(Device.CPU);
        double[] c = Arrays.copyOfRange(packed, k + k * d, packed.length);
        Tensor cov = type == CovarianceType.FULL ? Tensor.of(c, k, d, d).to(Device.CPU) : Tensor.of(c, k, d).to(Device.CPU);
        return new GaussianMixtureModel(w, mu, cov, type, 0, 0, false);
    }
}
