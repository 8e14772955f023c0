package dev.nabla.ml.cluster;

import dev.nabla.DType;
import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.ml.Distances;

/** Initial centroids for k-means; distances are computed on the device, the sampling on the host. */
final class Seeding {

    private Seeding() {
    }

    static Tensor centroids(KMeansInit init, Tensor x, int k, Generator gen) {
        return x.indexSelect(0, Tensor.of(init == KMeansInit.RANDOM ? distinctRows(x.size(0), k, gen)
                : plusPlus(x, k, gen), k).to(x.device()));
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

    private static long[] plusPlus(Tensor x, int k, Generator gen) {
        int n = x.size(0);
        long[] chosen = new long[k];
        chosen[0] = gen.nextInt(n);
        Tensor nearest = Distances.squaredEuclidean(x, x.narrow(0, (int) chosen[0], 1)).reshape(n);
        for (int c = 1; c < k; c++) {
            double[] d2 = nearest.to(DType.FLOAT64).toDoubleArray();
            chosen[c] = sample(d2, gen);
            Tensor next = Distances.squaredEuclidean(x, x.narrow(0, (int) chosen[c], 1)).reshape(n);
            nearest = nearest.minimum(next);
        }
        return chosen;
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
