package dev.nabla.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.Generator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequenceBatchingTest {

    @Test
    void padProducesValuesMaskAndLengths() {
        PaddedBatch p = Padding.pad(List.of(new long[] {5, 6, 7}, new long[] {8}, new long[] {}), -1);
        assertEquals(DType.INT64, p.values().dtype());
        assertArrayEquals(new int[] {3, 3}, p.values().shape().toArray());
        assertArrayEquals(new long[] {5, 6, 7, 8, -1, -1, -1, -1, -1}, p.values().toLongArray());
        assertArrayEquals(new double[] {1, 1, 1, 1, 0, 0, 0, 0, 0}, p.mask().toDoubleArray(), 0);
        assertArrayEquals(new long[] {3, 1, 0}, p.lengths().toLongArray());
    }

    @Test
    void bucketSamplerGroupsSimilarLengthsAndShufflesBatches() {
        int[] lengths = new int[40];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = (i * 7919) % 40; // every length 0..39 once, scrambled
        }
        BucketSampler sampler = new BucketSampler(lengths, 5, new Generator(3), false);
        List<int[]> first = sampler.nextEpoch();
        List<int[]> second = sampler.nextEpoch();
        int[] seen = new int[40];
        for (int[] batch : first) {
            int min = Arrays.stream(batch).map(i -> lengths[i]).min().orElseThrow();
            int max = Arrays.stream(batch).map(i -> lengths[i]).max().orElseThrow();
            assertEquals(4, max - min, "a batch holds 5 consecutive lengths");
            Arrays.stream(batch).forEach(i -> seen[i]++);
        }
        assertTrue(Arrays.stream(seen).allMatch(c -> c == 1));
        assertNotEquals(firstLengths(first, lengths), firstLengths(second, lengths), "batch order changes per epoch");
        List<int[]> replay = new BucketSampler(lengths, 5, new Generator(3), false).nextEpoch();
        assertEquals(firstLengths(first, lengths), firstLengths(replay, lengths));
    }

    private static List<Integer> firstLengths(List<int[]> batches, int[] lengths) {
        List<Integer> out = new ArrayList<>();
        batches.forEach(b -> out.add(Arrays.stream(b).map(i -> lengths[i]).min().orElseThrow()));
        return out;
    }
}
