package dev.nabla.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Decides which sample indices form each batch of an epoch. */
@FunctionalInterface
public interface BatchSampler {

    /** The batches of the next epoch (each call may draw a new order). */
    List<int[]> nextEpoch();

    /**
     * Cuts {@code order} into consecutive batches of {@code batchSize}; the short last batch is
     * kept unless {@code dropLast}.
     */
    static List<int[]> chunk(int[] order, int batchSize, boolean dropLast) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("BatchSampler.chunk: batchSize must be > 0, got " + batchSize);
        }
        List<int[]> out = new ArrayList<>();
        for (int start = 0; start < order.length; start += batchSize) {
            int end = Math.min(start + batchSize, order.length);
            if (end - start == batchSize || !dropLast) {
                out.add(Arrays.copyOfRange(order, start, end));
            }
        }
        return out;
    }
}
