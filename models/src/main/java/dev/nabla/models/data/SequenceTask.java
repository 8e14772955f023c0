package dev.nabla.models.data;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Algorithmic sequence tasks on decimal digits, the classic first tests of sequence models. The
 * {@code width} argument is the sequence length for copy, reverse and sort, and the number of
 * digits per operand for addition (operands and answer zero-padded: {@code 007+095=0102}).
 * Problems within one call are distinct, so a {@link #split} has no problem in both halves.
 */
public enum SequenceTask {

    /** Answer = the source digits unchanged. */
    COPY,
    /** Answer = the source digits in reverse order. */
    REVERSE,
    /** Answer = the source digits in ascending order. */
    SORT,
    /** Source {@code a+b} of two {@code width}-digit numbers; answer {@code a+b} in {@code width + 1} digits. */
    ADDITION;

    /** Largest number of distinct problems that is enumerated rather than sampled by rejection. */
    private static final long ENUMERATION_LIMIT = 1 << 24;

    /**
     * A training set and a test set with no problem in common.
     *
     * @param train the training problems
     * @param test the test problems
     */
    public record Split(SequenceSet train, SequenceSet test) {
    }

    /**
     * Draws {@code count} distinct problems uniformly at random.
     *
     * @param count the number of problems
     * @param width sequence length (1..18), or digits per operand for {@link #ADDITION} (1..9)
     * @param seed the random seed
     * @return the problems with their answers
     * @throws IllegalArgumentException when the width is out of range or there are fewer than
     *     {@code count} distinct problems of that width
     */
    public SequenceSet generate(int count, int width, long seed) {
        return build(distinctKeys(count, width, new SplittableRandom(seed)), 0, count, width);
    }

    /**
     * Draws {@code trainCount + testCount} distinct problems and splits them, so the test set holds
     * only problems never seen in training.
     *
     * @param trainCount the number of training problems
     * @param testCount the number of test problems
     * @param width as in {@link #generate}
     * @param seed the random seed
     * @return the disjoint train and test sets
     * @throws IllegalArgumentException as {@link #generate}
     */
    public Split split(int trainCount, int testCount, int width, long seed) {
        long[] keys = distinctKeys(trainCount + testCount, width, new SplittableRandom(seed));
        return new Split(build(keys, 0, trainCount, width), build(keys, trainCount, testCount, width));
    }

    /** @return the number of distinct problems of a width */
    long problemCount(int width) {
        int maxWidth = this == ADDITION ? 9 : 18;
        if (width < 1 || width > maxWidth) {
            throw new IllegalArgumentException(name().toLowerCase() + ": width must be in 1.." + maxWidth + ", got " + width);
        }
        return pow10(this == ADDITION ? 2 * width : width);
    }

    /** Each problem is a number in [0, problemCount): its digits, or a and b as its two halves. */
    private long[] distinctKeys(int count, int width, SplittableRandom random) {
        long total = problemCount(width);
        if (count < 0 || count > total) {
            throw new IllegalArgumentException(name().toLowerCase() + ": cannot draw " + count
                    + " distinct problems of width " + width + ", there are only " + total);
        }
        long[] keys = new long[count];
        if (count > total / 2 && total <= ENUMERATION_LIMIT) {
            // Dense request: a partial Fisher-Yates shuffle of all problems.
            long[] all = new long[(int) total];
            Arrays.setAll(all, i -> i);
            for (int i = 0; i < count; i++) {
                int j = i + random.nextInt((int) total - i);
                long swap = all[i];
                all[i] = all[j];
                all[j] = swap;
            }
            System.arraycopy(all, 0, keys, 0, count);
        } else {
            Set<Long> seen = new HashSet<>();
            for (int i = 0; i < count; ) {
                long key = random.nextLong(total);
                if (seen.add(key)) {
                    keys[i++] = key;
                }
            }
        }
        return keys;
    }

    private SequenceSet build(long[] keys, int from, int count, int width) {
        int sourceLength = this == ADDITION ? 2 * width + 1 : width;
        int targetLength = this == ADDITION ? width + 1 : width;
        int[] sources = new int[count * sourceLength];
        int[] targets = new int[count * targetLength];
        for (int i = 0; i < count; i++) {
            long key = keys[from + i];
            int s = i * sourceLength;
            int t = i * targetLength;
            if (this == ADDITION) {
                long a = key / pow10(width);
                long b = key % pow10(width);
                writeDigits(a, width, sources, s);
                sources[s + width] = TokenVocabulary.PLUS;
                writeDigits(b, width, sources, s + width + 1);
                writeDigits(a + b, width + 1, targets, t);
            } else {
                writeDigits(key, width, sources, s);
                System.arraycopy(sources, s, targets, t, width);
                if (this == REVERSE) {
                    reverse(targets, t, width);
                } else if (this == SORT) {
                    Arrays.sort(targets, t, t + width); // digit token ids sort like the digits
                }
            }
        }
        return new SequenceSet(this, sources, sourceLength, targets, targetLength);
    }

    /** Writes {@code value} as {@code width} zero-padded decimal digit tokens, most significant first. */
    private static void writeDigits(long value, int width, int[] out, int offset) {
        for (int i = width - 1; i >= 0; i--) {
            out[offset + i] = TokenVocabulary.digit((int) (value % 10));
            value /= 10;
        }
    }

    private static void reverse(int[] values, int from, int length) {
        for (int i = 0, j = length - 1; i < j; i++, j--) {
            int swap = values[from + i];
            values[from + i] = values[from + j];
            values[from + j] = swap;
        }
    }

    private static long pow10(int exponent) {
        long value = 1;
        for (int i = 0; i < exponent; i++) {
            value *= 10;
        }
        return value;
    }
}
