package dev.nabla.distributed;

import dev.nabla.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Groups tensors into buckets of at most a byte budget (and one dtype and device each), and runs a
 * collective on each bucket as one flat tensor, so that many small tensors cost a few messages rather
 * than one each. The results are copied back into the tensors.
 */
final class Buckets {

    private Buckets() {
    }

    /**
     * Flattens each bucket of {@code tensors} into one tensor, applies {@code collective} to it in
     * place and copies the slices back (the caller turns grad mode off).
     */
    static void apply(List<Tensor> tensors, long bucketBytes, Consumer<Tensor> collective) {
        for (List<Tensor> bucket : split(tensors, bucketBytes)) {
            if (bucket.size() == 1) {
                collective.accept(bucket.get(0));
                continue;
            }
            Tensor[] flat = new Tensor[bucket.size()];
            for (int i = 0; i < flat.length; i++) {
                flat[i] = bucket.get(i).reshape(-1);
            }
            Tensor joined = Tensor.cat(0, flat);
            collective.accept(joined);
            int offset = 0;
            for (Tensor t : bucket) {
                int n = t.numel();
                t.copyFrom(joined.narrow(0, offset, n).reshape(t.shape().toArray()));
                offset += n;
            }
        }
    }

    /** Consecutive runs of tensors sharing dtype and device, cut where the byte budget would be exceeded. */
    static List<List<Tensor>> split(List<Tensor> tensors, long bucketBytes) {
        List<List<Tensor>> out = new ArrayList<>();
        List<Tensor> current = new ArrayList<>();
        long bytes = 0;
        for (Tensor t : tensors) {
            long size = (long) t.numel() * t.dtype().byteSize();
            boolean compatible = current.isEmpty() || (current.get(0).dtype() == t.dtype()
                    && Objects.equals(current.get(0).device(), t.device()));
            if (!current.isEmpty() && (!compatible || bytes + size > bucketBytes)) {
                out.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(t);
            bytes += size;
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }
}
