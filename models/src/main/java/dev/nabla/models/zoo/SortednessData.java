package dev.nabla.models.zoo;

import dev.nabla.Generator;
import dev.nabla.models.data.SequenceTask;
import dev.nabla.models.data.TokenVocabulary;

/**
 * Digit sequences for masked-token pre-training and a small "is this sequence sorted?" task. Rows
 * are {@code ^ d1 .. dW}: the start token doubles as the classification token. Unlabelled rows are
 * half sorted, half uniformly random; labelled rows are half sorted (class 1) and half sorted with
 * one digit replaced so that the order breaks (class 0), a near miss that a classifier must look at
 * neighbouring digits to catch.
 */
final class SortednessData {

    private SortednessData() {
    }

    /**
     * Labelled rows.
     *
     * @param tokens {@code count × (width + 1)} token ids
     * @param labels 1 for sorted, 0 for not
     */
    record Labelled(int[] tokens, int[] labels) {
    }

    /** {@code count} unlabelled rows of {@code width} digits: the first half sorted, the second random. */
    static int[] unlabelled(int count, int width, long seed) {
        int sorted = count / 2;
        int[] sortedDigits = SequenceTask.SORT.generate(sorted, width, seed).targets();
        int[] randomDigits = SequenceTask.COPY.generate(count - sorted, width, seed + 1).sources();
        int[] tokens = new int[count * (width + 1)];
        for (int i = 0; i < count; i++) {
            int[] from = i < sorted ? sortedDigits : randomDigits;
            int row = i < sorted ? i : i - sorted;
            tokens[i * (width + 1)] = TokenVocabulary.BOS;
            System.arraycopy(from, row * width, tokens, i * (width + 1) + 1, width);
        }
        return tokens;
    }

    /** {@code count} labelled rows, alternating sorted and nearly sorted. */
    static Labelled labelled(int count, int width, long seed) {
        int[] digits = SequenceTask.SORT.generate(count, width, seed).targets();
        Generator gen = new Generator(seed);
        int[] tokens = new int[count * (width + 1)];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            int row = i * (width + 1);
            tokens[row] = TokenVocabulary.BOS;
            System.arraycopy(digits, i * width, tokens, row + 1, width);
            labels[i] = i % 2 == 0 ? 1 : 0;
            if (labels[i] == 0) {
                breakOrder(tokens, row + 1, width, gen);
            }
        }
        return new Labelled(tokens, labels);
    }

    /** Replaces one digit of the sorted run at {@code from} so that the run is no longer sorted. */
    private static void breakOrder(int[] tokens, int from, int width, Generator gen) {
        while (true) {
            int p = from + gen.nextInt(width);
            int v = TokenVocabulary.digit(gen.nextInt(10));
            boolean belowLeft = p > from && v < tokens[p - 1];
            boolean aboveRight = p < from + width - 1 && v > tokens[p + 1];
            if (belowLeft || aboveRight) {
                tokens[p] = v;
                return;
            }
        }
    }
}
