package dev.nabla.models.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Tensor;
import dev.nabla.backend.Backends;
import dev.nabla.ml.cluster.CovarianceType;
import dev.nabla.ml.cluster.EmVariant;
import dev.nabla.ml.cluster.GaussianMixture;
import dev.nabla.ml.cluster.GaussianMixtureModel;
import dev.nabla.ml.cluster.KMeans;
import dev.nabla.ml.cluster.KMeansInit;
import dev.nabla.ml.cluster.KMeansModel;
import dev.nabla.ml.decomposition.Pca;
import dev.nabla.ml.decomposition.PcaModel;
import dev.nabla.ml.linear.LinearModel;
import dev.nabla.ml.linear.LogisticModel;
import dev.nabla.ml.linear.LogisticRegression;
import dev.nabla.ml.linear.Ridge;
import dev.nabla.ml.neighbors.KNearestNeighbors;
import dev.nabla.ml.optim.Lbfgs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The classical-ML benchmark ({@code nabla bench ml}): the fits of issue 24 at 200,000 × 50 in float64 on the
 * CPU, on {@link MlData} (which {@code bench/sklearn_bench.py} regenerates bit for bit for scikit-learn).
 * Each case first fits on the first 20,000 rows for at least 4 s (so the JIT has compiled the hot loops; the
 * Python side warms up the same way), then times one fit on all rows and prints one JSON object: seconds, the process's peak resident memory during the fit
 * (Linux's {@code VmHWM}, reset just before through {@code /proc/self/clear_refs}), the JVM's peak heap use,
 * and the quality figures {@code bench/compare_ml.py} compares with scikit-learn's. k-means and the
 * mixture start from the same rows on both sides; logistic regression has {@code C = 1}
 * ({@code λ = 1/n}) and scikit-learn's {@code tol = 1e-4}, ridge {@code α = 1}: scikit-learn's defaults.
 */
public final class MlBench {

    /** Rows of the full-size fits. */
    public static final int ROWS = 200_000;
    private static final int QUERIES = 2_000;
    private static final int WARMUP_ROWS = 20_000;
    /**
     * Warm-up time before the timed fit, as {@link BenchRunner}'s first warm-up: Vector API loops run many times
     * slower until C2 has compiled them, and one warm-up fit left a full-size logistic regression at 2.0 s where
     * the compiled code takes 0.22 s.
     */
    private static final long WARMUP_NANOS = 4_000_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One benchmark case: a fit on the first {@code rows} rows, then its quality figures (not timed). */
    private interface Fit {
        /** The fitted model. */
        Object fit(Data data, int rows);

        /** Puts the model's quality figures into {@code out}. */
        void quality(Data data, int rows, Object model, ObjectNode out);

        /** A case from its two halves. */
        static <M> Fit of(java.util.function.BiFunction<Data, Integer, M> fit, Quality<M> quality) {
            return new Fit() {
                @Override
                public Object fit(Data data, int rows) {
                    return fit.apply(data, rows);
                }

                @Override
                @SuppressWarnings("unchecked")
                public void quality(Data data, int rows, Object model, ObjectNode out) {
                    quality.put(data, rows, (M) model, out);
                }
            };
        }
    }

    /** The quality half of a case. */
    @FunctionalInterface
    private interface Quality<M> {
        void put(Data data, int rows, M model, ObjectNode out);
    }

    private static final Map<String, Fit> CASES = new LinkedHashMap<>();

    static {
        CASES.put("kmeans", Fit.of(MlBench::kmeans, MlBench::kmeansQuality));
        CASES.put("logreg", Fit.of(MlBench::logreg, MlBench::logregQuality));
        CASES.put("knn", Fit.of(MlBench::knn, MlBench::knnQuality));
        CASES.put("pca", Fit.of(MlBench::pca, MlBench::pcaQuality));
        CASES.put("gmm_diag", Fit.of(MlBench::gmm, MlBench::gmmQuality));
        CASES.put("ridge", Fit.of(MlBench::ridge, MlBench::ridgeQuality));
    }

    private MlBench() {
    }

    /** The case names, in order. */
    public static List<String> cases() {
        return List.copyOf(CASES.keySet());
    }

    /** {@code MlBench [FILTER]}: runs the cases whose names contain a comma-separated part of FILTER (all without one). */
    public static void main(String[] args) {
        if (run(args.length > 0 ? args[0] : "") == 0) {
            System.err.println("bench ml: no case matches '" + args[0] + "'; the cases: " + String.join(", ", cases()));
            System.exit(2);
        }
    }

    /**
     * Runs the matching cases and prints one JSON line each.
     *
     * @param filter comma-separated substrings of case names; empty runs all
     * @return how many cases ran
     */
    public static int run(String filter) {
        List<String> wanted = Arrays.asList(filter.split(",", -1));
        List<String> chosen = cases().stream().filter(c -> wanted.stream().anyMatch(c::contains)).toList();
        if (chosen.isEmpty()) {
            return 0;
        }
        Data data = new Data(MlData.generate(ROWS + QUERIES));
        String checksum = data.checksum();
        for (String name : chosen) {
            Fit fit = CASES.get(name);
            long warmStart = System.nanoTime();
            for (int i = 0; i < 2 || System.nanoTime() - warmStart < WARMUP_NANOS; i++) {
                fit.fit(data, WARMUP_ROWS);
            }
            System.gc();
            resetPeaks();
            long start = System.nanoTime();
            Object model = fit.fit(data, ROWS);
            double seconds = (System.nanoTime() - start) / 1e9;
            ObjectNode line = JSON.createObjectNode().put("name", name).put("side", "nabla").put("rows", ROWS)
                    .put("features", MlData.FEATURES).put("dtype", "float64").put("data_sha1", checksum);
            line.put("seconds", Math.round(seconds * 1e3) / 1e3).put("peak_rss_mb", peakRssMb())
                    .put("peak_heap_mb", peakHeapMb());
            fit.quality(data, ROWS, model, line);
            System.out.println(line);
        }
        return chosen.size();
    }

    /** The generated rows as tensors, and the first-rows views each fit takes. */
    private record Data(MlData.Set set, Tensor x) {
        Data(MlData.Set set) {
            // the CPU backend adopts the generated array: one copy of the data in the process, as on the Python side
            this(set, Tensor.fromStorage(Backends.get(Device.CPU).upload(set.x()), set.rows(), MlData.FEATURES));
        }

        Tensor rows(int n) {
            return x.narrow(0, 0, n);
        }

        Tensor queries() {
            return x.narrow(0, ROWS, QUERIES);
        }

        Tensor vector(long[] values, int n) {
            return Tensor.of(Arrays.copyOf(values, n), n).to(Device.CPU);
        }

        Tensor target(int n) {
            return Tensor.of(Arrays.copyOf(set.target(), n), n).to(Device.CPU);
        }

        /** SHA-1 of all rows as little-endian float64, which bench/sklearn_bench.py prints too. */
        String checksum() {
            java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(set.x().length * Double.BYTES)
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN);
            bytes.asDoubleBuffer().put(set.x());
            return digest(bytes.array());
        }

        Tensor initialRows(int n) {
            return x.indexSelect(0, Tensor.of(MlData.initialRows(n), MlData.CLUSTERS).to(Device.CPU));
        }
    }

    private static KMeansModel kmeans(Data data, int rows) {
        KMeans learner = new KMeans(MlData.CLUSTERS, KMeansInit.KMEANS_PLUS_PLUS, 1, 300, 1e-4, 0);
        return learner.fit(data.rows(rows), data.initialRows(rows));
    }

    private static void kmeansQuality(Data data, int rows, KMeansModel m, ObjectNode out) {
        out.put("inertia", m.inertia()).put("iterations", m.iterations()).put("converged", m.converged());
    }

    private static LogisticModel logreg(Data data, int rows) {
        // scikit-learn's tolerance, so both sides run the same stopping rule to the same threshold
        return LogisticRegression.of(1.0 / rows).withSolver(new Lbfgs(10, 15000, 1e-4)).fit(data.rows(rows),
                data.vector(data.set().label(), rows));
    }

    private static void logregQuality(Data data, int rows, LogisticModel m, ObjectNode out) {
        out.put("accuracy", m.score(data.rows(rows), data.vector(data.set().label(), rows)))
                .put("objective", logisticObjective(data, rows, m, 1.0 / rows)).put("iterations", m.iterations())
                .put("converged", m.converged());
        coefficients(out, m.coefficients().toDoubleArray(), m.intercepts().item());
    }

    /** The mean log-loss plus {@code (λ/2)|w|²}, in float64, from the fitted coefficients. */
    private static double logisticObjective(Data data, int rows, LogisticModel m, double lambda) {
        double[] z = m.decisionFunction(data.rows(rows)).toDoubleArray();
        long[] y = data.set().label();
        double loss = 0;
        for (int i = 0; i < rows; i++) {
            double margin = (y[i] == 1 ? 1 : -1) * z[i];
            loss += margin > 0 ? Math.log1p(Math.exp(-margin)) : -margin + Math.log1p(Math.exp(margin));
        }
        double norm = 0;
        for (double v : m.coefficients().toDoubleArray()) {
            norm += v * v;
        }
        return loss / rows + lambda / 2 * norm;
    }

    private static long[] knn(Data data, int rows) {
        return KNearestNeighbors.of(5).fit(data.rows(rows), data.vector(data.set().blob(), rows)).predict(data.queries())
                .toLongArray();
    }

    private static void knnQuality(Data data, int rows, long[] predicted, ObjectNode out) {
        long[] truth = Arrays.copyOfRange(data.set().blob(), ROWS, ROWS + QUERIES);
        int correct = 0;
        for (int i = 0; i < QUERIES; i++) {
            correct += predicted[i] == truth[i] ? 1 : 0;
        }
        out.put("accuracy", (double) correct / QUERIES).put("predictions_sha1", sha1(predicted));
    }

    private static PcaModel pca(Data data, int rows) {
        return Pca.of(10).fit(data.rows(rows));
    }

    private static void pcaQuality(Data data, int rows, PcaModel m, ObjectNode out) {
        out.put("explained_variance_ratio_sum", Arrays.stream(m.explainedVarianceRatio().toDoubleArray()).sum())
                .put("first_explained_variance", m.explainedVariance().toDoubleArray()[0]);
    }

    private static GaussianMixtureModel gmm(Data data, int rows) {
        int k = MlData.CLUSTERS;
        GaussianMixture learner = new GaussianMixture(k, CovarianceType.DIAGONAL, EmVariant.SOFT, 1e-6, 100, 1e-3, 0);
        GaussianMixtureModel start = new GaussianMixtureModel(Tensor.full(1.0 / k, DType.FLOAT64, Device.CPU, k),
                data.initialRows(rows), Tensor.ones(DType.FLOAT64, Device.CPU, k, MlData.FEATURES),
                CovarianceType.DIAGONAL, Double.NaN, 0, false);
        return learner.fit(data.rows(rows), start);
    }

    private static void gmmQuality(Data data, int rows, GaussianMixtureModel m, ObjectNode out) {
        out.put("mean_log_likelihood", m.score(data.rows(rows))).put("iterations", m.iterations())
                .put("converged", m.converged());
    }

    private static LinearModel ridge(Data data, int rows) {
        return Ridge.of(1.0).fit(data.rows(rows), data.target(rows));
    }

    private static void ridgeQuality(Data data, int rows, LinearModel m, ObjectNode out) {
        out.put("r2", m.score(data.rows(rows), data.target(rows)));
        coefficients(out, m.coefficients().toDoubleArray(), m.intercept());
    }

    private static void coefficients(ObjectNode out, double[] w, double intercept) {
        var array = out.putArray("coefficients");
        for (double v : w) {
            array.add(v);
        }
        out.put("intercept", intercept);
    }

    /** SHA-1 of the values written one per line, as bench/sklearn_bench.py hashes its predictions. */
    private static String sha1(long[] values) {
        StringBuilder text = new StringBuilder();
        for (long v : values) {
            text.append(v).append('\n');
        }
        return digest(text.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("bench ml: no SHA-1", e);
        }
    }

    /** Resets Linux's peak-RSS counter and the JVM's heap-pool peaks (where either is available). */
    private static void resetPeaks() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | UnsupportedOperationException e) {
            // not Linux, or not allowed: the peak then covers the whole process
        }
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** The process's peak resident set in MB since the last reset, or -1 where /proc is not available. */
    private static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Math.round(Long.parseLong(line.replaceAll("[^0-9]", "")) / 102.4) / 10.0;
                }
            }
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException("bench ml: cannot read /proc/self/status", e);
        }
    }

    /** The sum of the heap pools' peak use in MB since the last reset (an upper bound on the live heap at any time). */
    private static double peakHeapMb() {
        long bytes = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        return Math.round(bytes / 1e5) / 10.0;
    }
}
