package dev.nabla.nn.decoding;

import dev.nabla.Generator;
import java.util.ArrayList;
import java.util.List;

/**
 * Ancestral sampling with temperature, top-k and nucleus (top-p) filtering.
 *
 * @param temperature divides the logits; below 1 sharpens, 0 means greedy
 * @param topK keep only the k most likely tokens (0: all)
 * @param topP keep the smallest set of most likely tokens whose probability reaches p (1: all)
 * @param generator the random source
 */
public record Sampler(double temperature, int topK, double topP, Generator generator) {

    /** Validates. */
    public Sampler {
        if (!(temperature >= 0) || topK < 0 || !(topP > 0 && topP <= 1) || generator == null) {
            throw new IllegalArgumentException("Sampler: need temperature >= 0, topK >= 0, 0 < topP <= 1 and a generator, got "
                    + "temperature=" + temperature + " topK=" + topK + " topP=" + topP);
        }
    }

    /** Draws one token from log-probabilities (or any logits). */
    public int sample(double[] logits) {
        if (temperature == 0) {
            return Decoding.argmax(logits);
        }
        double[] p = filteredProbabilities(logits);
        double u = generator.nextDouble();
        double cumulative = 0;
        int lastPositive = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0) {
                lastPositive = i;
                cumulative += p[i];
                if (u < cumulative) {
                    return i;
                }
            }
        }
        return lastPositive;
    }

    /** The distribution {@link #sample} draws from: tempered softmax, then top-k and top-p cuts, renormalised. */
    public double[] filteredProbabilities(double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logits) {
            max = Math.max(max, l);
        }
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp((logits[i] - max) / temperature);
            sum += p[i];
        }
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            p[i] /= sum;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(p[b], p[a]));
        List<Integer> kept = new ArrayList<>();
        double mass = 0;
        for (int i = 0; i < order.length; i++) {
            if ((topK > 0 && i >= topK) || (i > 0 && mass >= topP)) {
                break;
            }
            kept.add(order[i]);
            mass += p[order[i]];
        }
        double[] out = new double[p.length];
        for (int i : kept) {
            out[i] = p[i] / mass;
        }
        return out;
    }

    /** Samples a sequence from {@code model} until {@code end} or {@code maxLength} tokens. */
    public <S> int[] generate(SequenceScorer<S> model, int start, int end, int maxLength) {
        Decoding.checkLength(maxLength);
        List<Integer> out = new ArrayList<>();
        S state = model.initialState();
        int token = start;
        while (out.size() < maxLength) {
            SequenceScorer.Step<S> step = model.step(state, token);
            token = sample(step.logProbs());
            state = step.state();
            out.add(token);
            if (token == end) {
                break;
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
