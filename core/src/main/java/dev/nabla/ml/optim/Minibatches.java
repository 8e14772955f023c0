package dev.nabla.ml.optim;

import dev.nabla.Device;
import dev.nabla.Generator;
import dev.nabla.Tensor;
import java.util.ArrayList;
import java.util.List;

/** Index batches covering {@code 0..n-1} once in a seeded random order (one epoch). */
final class Minibatches {

    private Minibatches() {
    }

    static List<Tensor> epoch(int n, int batchSize, Generator gen, Device device) {
        long[] perm = new long[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = gen.nextInt(i + 1);
            long t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        List<Tensor> batches = new ArrayList<>();
        Tensor all = Tensor.of(perm, n).to(device);
        for (int start = 0; start < n; start += batchSize) {
            batches.add(all.narrow(0, start, Math.min(batchSize, n - start)).contiguous());
        }
        return batches;
    }
}
