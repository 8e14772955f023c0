package dev.nabla.nn.decoding;

import java.util.ArrayList;
import java.util.List;

/** Greedy decoding: always the most likely next token. */
public final class Decoding {

    private Decoding() {
    }

    /**
     * Decodes from {@code start} until {@code end} is produced or {@code maxLength} tokens exist.
     *
     * @return the generated tokens, excluding {@code start}, including {@code end} when reached
     */
    public static <S> int[] greedy(SequenceScorer<S> model, int start, int end, int maxLength) {
        checkLength(maxLength);
        List<Integer> out = new ArrayList<>();
        S state = model.initialState();
        int token = start;
        while (out.size() < maxLength) {
            SequenceScorer.Step<S> step = model.step(state, token);
            token = argmax(step.logProbs());
            state = step.state();
            out.add(token);
            if (token == end) {
                break;
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    static void checkLength(int maxLength) {
        if (maxLength <= 0) {
            throw new IllegalArgumentException("decode: maxLength must be positive, got " + maxLength);
        }
    }

    static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
