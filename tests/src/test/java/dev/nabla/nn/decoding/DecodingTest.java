package dev.nabla.nn.decoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.Generator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecodingTest {

    private static final int START = 0;
    private static final int END = 3;

    /**
     * A hand-built scoring table over tokens {0: start, 1: A, 2: B, 3: end}, keyed by prefix. Greedy
     * takes A (0.6) and then faces a flat distribution; B (0.4) is followed by a certain end, so
     * "B end" (0.4 · 1.0) beats the best "A x end" (0.6 · 0.4 · 0.5 = 0.12).
     */
    private static final Map<String, double[]> TABLE = Map.of(
            "", new double[] {0, 0.6, 0.4, 0},
            "1", new double[] {0, 0.3, 0.3, 0.4},
            "2", new double[] {0, 0, 0, 1.0},
            "1,1", new double[] {0, 0.5, 0, 0.5},
            "1,2", new double[] {0, 0.5, 0, 0.5},
            "1,1,1", new double[] {0, 0, 0, 1},
            "1,2,1", new double[] {0, 0, 0, 1});

    /** State = the prefix so far. */
    private static final SequenceScorer<String> TABLE_MODEL = new SequenceScorer<>() {
        @Override
        public String initialState() {
            return null;
        }

        @Override
        public Step<String> step(String prefix, int token) {
            String next = prefix == null ? "" : prefix.isEmpty() ? Integer.toString(token) : prefix + "," + token;
            double[] p = TABLE.getOrDefault(next, new double[] {0, 0, 0, 1});
            double[] logp = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                logp[i] = Math.log(p[i]);
            }
            return new Step<>(logp, next);
        }
    };

    @Test
    void greedyFollowsTheLocallyBestToken() {
        assertArrayEquals(new int[] {1, 3}, Decoding.greedy(TABLE_MODEL, START, END, 10));
    }

    @Test
    void beamSearchFindsTheSequenceGreedyMisses() {
        List<BeamSearch.Hypothesis> best = new BeamSearch(2, 10, 0).search(TABLE_MODEL, START, END);
        assertArrayEquals(new int[] {2, 3}, best.get(0).tokens());
        assertEquals(Math.log(0.4), best.get(0).logProb(), 1e-12);
        assertTrue(best.get(0).logProb() > Math.log(0.6 * 0.4), "better than greedy's sequence");
    }

    @Test
    void hypothesesPrintTheirTokensAndCompareByValue() {
        BeamSearch.Hypothesis best = new BeamSearch(2, 10, 0).search(TABLE_MODEL, START, END).get(0);
        assertEquals(String.format(java.util.Locale.ROOT, "Hypothesis[tokens=[2, 3], logProb=%.4f, score=%.4f]",
                Math.log(0.4), best.score()), best.toString());
        BeamSearch.Hypothesis same = new BeamSearch.Hypothesis(new int[] {2, 3}, best.logProb(), best.score());
        assertEquals(best, same);
        assertEquals(best.hashCode(), same.hashCode());
    }

    @Test
    void beamWidthOneEqualsGreedy() {
        List<BeamSearch.Hypothesis> one = new BeamSearch(1, 10, 0).search(TABLE_MODEL, START, END);
        assertArrayEquals(Decoding.greedy(TABLE_MODEL, START, END, 10), one.get(0).tokens());
    }

    @Test
    void lengthNormalisationFavoursLongerSequencesOfEqualPerTokenQuality() {
        // raw log-probabilities prefer short; normalised by length^1 the average per token decides
        SequenceScorer<String> model = new SequenceScorer<>() {
            @Override
            public String initialState() {
                return "";
            }

            @Override
            public Step<String> step(String prefix, int token) {
                String next = prefix + token;
                double[] p = switch (next) {
                    case "0" -> new double[] {0, 0.55, 0.45, 0};
                    case "01" -> new double[] {0, 0, 0, 1};
                    case "02" -> new double[] {0, 0, 0.95, 0.05};
                    default -> new double[] {0, 0, 0, 1};
                };
                double[] logp = java.util.Arrays.stream(p).map(Math::log).toArray();
                return new Step<>(logp, next);
            }
        };
        assertArrayEquals(new int[] {1, 3}, new BeamSearch(3, 5, 0).search(model, 0, 3).get(0).tokens());
        assertArrayEquals(new int[] {2, 2, 3}, new BeamSearch(3, 5, 1).search(model, 0, 3).get(0).tokens());
    }

    @Test
    void samplingRespectsTemperatureTopKAndTopP() {
        double[] logits = {Math.log(0.5), Math.log(0.3), Math.log(0.15), Math.log(0.05)};
        assertArrayEquals(new double[] {0.5, 0.3, 0.15, 0.05},
                new Sampler(1, 0, 1, new Generator(1)).filteredProbabilities(logits), 1e-12);
        assertArrayEquals(new double[] {0.625, 0.375, 0, 0},
                new Sampler(1, 2, 1, new Generator(1)).filteredProbabilities(logits), 1e-12);
        // nucleus 0.9: 0.5 + 0.3 = 0.8 < 0.9, so 0.15 is needed too
        assertArrayEquals(new double[] {0.5 / 0.95, 0.3 / 0.95, 0.15 / 0.95, 0},
                new Sampler(1, 0, 0.9, new Generator(1)).filteredProbabilities(logits), 1e-12);
        // temperature 0.5 squares the probabilities before renormalising
        double z = 0.25 + 0.09 + 0.0225 + 0.0025;
        assertArrayEquals(new double[] {0.25 / z, 0.09 / z, 0.0225 / z, 0.0025 / z},
                new Sampler(0.5, 0, 1, new Generator(1)).filteredProbabilities(logits), 1e-12);
        assertEquals(0, new Sampler(0, 0, 1, new Generator(1)).sample(logits), "temperature 0 is greedy");

        Sampler sampler = new Sampler(1, 0, 1, new Generator(42));
        int[] counts = new int[4];
        int n = 20000;
        for (int i = 0; i < n; i++) {
            counts[sampler.sample(logits)]++;
        }
        double[] expected = {0.5, 0.3, 0.15, 0.05};
        for (int i = 0; i < 4; i++) {
            double sd = Math.sqrt(n * expected[i] * (1 - expected[i]));
            assertEquals(n * expected[i], counts[i], 5 * sd, "token " + i);
        }
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new BeamSearch(0, 5, 0));
        assertThrows(IllegalArgumentException.class, () -> new Sampler(1, 0, 0, new Generator(1)));
        var e = assertThrows(IllegalArgumentException.class, () -> Decoding.greedy(TABLE_MODEL, START, END, 0));
        assertTrue(e.getMessage().contains("maxLength must be positive"));
    }
}
