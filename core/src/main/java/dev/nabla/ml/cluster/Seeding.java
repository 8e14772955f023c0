package dev.nabla.ml.cluster;

import dev.nabla.DType;
import dev.nabla.Generator;
import dev.nabla.Tensor;

/**
 * Initial centroids for k-means. k-means++ keeps each row's squared distance to its nearest chosen
 * centre, {@code ‖x‖² - 2x·c + ‖c‖²} for each new centre c (one matrix-vector product, the row norms
 * computed once); the sampling runs on the host.
 */
final class Seeding {

    private Seeding() {
    }

    /** {@code k} rows of {@code x} chosen by {@code init}; {@code rowNorms} holds each row's {@code ‖x‖²}. */
    static Tensor centroids(KMeansInit init, Tensor x, double[] rowNorms, int k, Generator gen) {
        return x.indexSelect(0, Tensor.of(init == KMeansInit.RANDOM ? distinctRows(x.size(0), k, gen)
                : plusPlus(x, rowNorms, k, gen), k).to(x.device()));
    }

    private static long[] distinctRows(int n, int k, Generator gen) {
        long[] perm = new long[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        long[] out = new long[k];
        for (int i = 0; i < k; i++) {
            int j = i + gen.nextInt(n - i);
            long t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
            out[i] = perm[i];
        }
        return out;
    }

    private static long[] plusPlus(Tensor x, double[] hostNorms, int k, Generator gen) {
        int n = x.size(0);
        Tensor rowNorms = Tensor.of(hostNorms, n).to(x.device()).to(x.dtype());
        long[] chosen = new long[k];
        chosen[0] = gen.nextInt(n);
        Tensor nearest = distances(x, rowNorms, (int) chosen[0]);
        for (int c = 1; c < k; c++) {
            chosen[c] = sample(nearest.to(DType.FLOAT64).toDoubleArray(), gen);
            nearest = nearest.minimum(distances(x, rowNorms, (int) chosen[c]));
        }
        return chosen;
    }

    /** Squared distances {@code [n]} of every row to row {@code c}, clamped at zero against rounding. */
    private static Tensor distances(Tensor x, Tensor rowNorms, int c) {
        Tensor centre = x.select(0, c);
        return rowNorms.sub(x.matmul(centre).mul(2)).add(centre.mul(centre).sum()).relu();
    }

    /** An index drawn with probability proportional to {@code weights} (uniform if they are all zero). */
    private static int sample(double[] weights, Generator gen) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        if (total == 0) {
            return gen.nextInt(weights.length);
        }
        double u = gen.nextDouble() * total;
        double acc = 0;
        for (int i = 0; i < weights.length; i++) {
            acc += weights[i];
            if (u < acc) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
