package dev.nabla.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.Generator;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitsTest {

    private static int[] sortedUnion(int[] a, int[] b) {
        return IntStream.concat(Arrays.stream(a), Arrays.stream(b)).sorted().toArray();
    }

    @Test
    void trainValidationSplitIsADisjointSeededPartition() {
        Split s = Splits.trainValidation(50, 0.2, new Generator(5));
        assertEquals(10, s.validation().length);
        assertEquals(40, s.train().length);
        assertArrayEquals(IntStream.range(0, 50).toArray(), sortedUnion(s.train(), s.validation()));
        Split again = Splits.trainValidation(50, 0.2, new Generator(5));
        assertArrayEquals(s.validation(), again.validation());
        assertThrows(IllegalArgumentException.class, () -> Splits.trainValidation(50, 1.0, new Generator(5)));
    }

    @Test
    void kFoldValidatesEverySampleExactlyOnce() {
        List<Split> folds = Splits.kFold(11, 3, new Generator(2));
        assertEquals(3, folds.size());
        int[] counts = new int[11];
        int[] sizes = new int[3];
        for (int f = 0; f < 3; f++) {
            Split s = folds.get(f);
            sizes[f] = s.validation().length;
            Arrays.stream(s.validation()).forEach(i -> counts[i]++);
            assertArrayEquals(IntStream.range(0, 11).toArray(), sortedUnion(s.train(), s.validation()));
        }
        assertArrayEquals(new int[] {4, 4, 3}, sizes);
        assertArrayEquals(IntStream.generate(() -> 1).limit(11).toArray(), counts);
    }
}
