package dev.nabla.nn.decoding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Beam search: keeps the {@code width} best partial sequences by total log-probability; finished
 * sequences (those that produced the end token, or reached the maximum length) compete by
 * length-normalised score {@code logP / length^alpha}.
 *
 * @param width the beam width k (1 is greedy)
 * @param maxLength the most tokens generated
 * @param lengthPenalty the exponent alpha of the length normalisation (0: raw log-probability)
 */
public record BeamSearch(int width, int maxLength, double lengthPenalty) {

    /** Validates. */
    public BeamSearch {
        if (width <= 0) {
            throw new IllegalArgumentException("BeamSearch: width must be positive, got " + width);
        }
        Decoding.checkLength(maxLength);
        if (lengthPenalty < 0) {
            throw new IllegalArgumentException("BeamSearch: lengthPenalty must be >= 0, got " + lengthPenalty);
        }
    }

    /**
     * A decoded sequence with its total log-probability.
     *
     * @param tokens the generated tokens (excluding the start token)
     * @param logProb the sum of the tokens' log-probabilities
     * @param score the length-normalised score used for ranking
     */
    public record Hypothesis(int[] tokens, double logProb, double score) {

        /** Equal when the tokens, log-probability and score are (the tokens compared element by element). */
        @Override
        public boolean equals(Object o) {
            return o instanceof Hypothesis h && Arrays.equals(tokens, h.tokens)
                    && Double.compare(logProb, h.logProb) == 0 && Double.compare(score, h.score) == 0;
        }

        @Override
        public int hashCode() {
            return 31 * (31 * Arrays.hashCode(tokens) + Double.hashCode(logProb)) + Double.hashCode(score);
        }

        /** E.g. {@code Hypothesis[tokens=[4, 7, 2], logProb=-1.2345, score=-0.4115]}. */
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "Hypothesis[tokens=%s, logProb=%.4f, score=%.4f]", Arrays.toString(tokens),
                    logProb, score);
        }
    }

    private record Beam<S>(int[] tokens, double logProb, S state) {
    }

    /** The best sequences found, best first (at most {@code width}). */
    public <S> List<Hypothesis> search(SequenceScorer<S> model, int start, int end) {
        List<Beam<S>> beams = List.of(new Beam<>(new int[0], 0, model.initialState()));
        List<Hypothesis> finished = new ArrayList<>();
        for (int length = 1; length <= maxLength && !beams.isEmpty(); length++) {
            List<Beam<S>> candidates = new ArrayList<>();
            for (Beam<S> beam : beams) {
                int last = beam.tokens().length == 0 ? start : beam.tokens()[beam.tokens().length - 1];
                SequenceScorer.Step<S> step = model.step(beam.state(), last);
                for (int token : topIndices(step.logProbs(), width)) {
                    int[] tokens = Arrays.copyOf(beam.tokens(), length);
                    tokens[length - 1] = token;
                    candidates.add(new Beam<>(tokens, beam.logProb() + step.logProbs()[token], step.state()));
                }
            }
            candidates.sort(Comparator.comparingDouble((Beam<S> b) -> b.logProb()).reversed());
            List<Beam<S>> next = new ArrayList<>();
            for (Beam<S> c : candidates) {
                if (next.size() >= width) {
                    break;
                }
                boolean done = c.tokens()[length - 1] == end || length == maxLength;
                if (done) {
                    finished.add(new Hypothesis(c.tokens(), c.logProb(), normalised(c.logProb(), length)));
                } else {
                    next.add(c);
                }
            }
            beams = next;
            if (finished.size() >= width && bestPossible(beams, length) <= worstKept(finished)) {
                break;
            }
        }
        finished.sort(Comparator.comparingDouble(Hypothesis::score).reversed());
        return finished.subList(0, Math.min(width, finished.size()));
    }

    private double normalised(double logProb, int length) {
        return logProb / Math.pow(length, lengthPenalty);
    }

    /** An upper bound on what any open beam can still score: log-probabilities only fall. */
    private double bestPossible(List<? extends Beam<?>> beams, int length) {
        double best = Double.NEGATIVE_INFINITY;
        for (Beam<?> b : beams) {
            double bound = lengthPenalty == 0 ? b.logProb() : b.logProb() / Math.pow(maxLength, lengthPenalty);
            best = Math.max(best, bound);
        }
        return best;
    }

    private double worstKept(List<Hypothesis> finished) {
        return finished.stream().mapToDouble(Hypothesis::score).sorted().skip(Math.max(0, finished.size() - width))
                .findFirst().orElse(Double.NEGATIVE_INFINITY);
    }

    private static int[] topIndices(double[] values, int k) {
        Integer[] idx = new Integer[values.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> Double.compare(values[b], values[a]));
        int n = Math.min(k, idx.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = idx[i];
        }
        return out;
    }
}
