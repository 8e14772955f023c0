package dev.nabla.models.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Checks the shipped corpus, the character vocabulary and the unigram baseline. */
class TextCorpusTest {

    @Test
    void fablesLoadAndRoundTrip() {
        TextCorpus corpus = TextCorpus.fables();
        assertTrue(corpus.text().length() > 30_000, "corpus length " + corpus.text().length());
        assertTrue(corpus.text().contains("Slow and steady wins the race."));
        CharVocabulary vocabulary = corpus.vocabulary();
        assertTrue(vocabulary.size() > 40 && vocabulary.size() < 100, "vocabulary " + vocabulary.size());
        assertEquals(corpus.text(), vocabulary.decode(corpus.encoded()));
    }

    @Test
    void vocabularyIsSortedDistinctCharacters() {
        CharVocabulary vocabulary = CharVocabulary.of("banana!");
        assertEquals(4, vocabulary.size());
        assertEquals('!', vocabulary.symbol(0));
        assertEquals('a', vocabulary.symbol(1));
        assertEquals('n', vocabulary.symbol(3));
        assertArrayEquals(new int[] {2, 1, 3, 1, 3, 1, 0}, vocabulary.encode("banana!"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> vocabulary.encode("bz"));
        assertTrue(e.getMessage().contains("'z'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> vocabulary.symbol(4));
    }

    @Test
    void splitIsContiguousAndComplete() {
        TextCorpus corpus = TextCorpus.of("abcdefghij");
        TextCorpus.Split split = corpus.split(0.8);
        assertEquals("abcdefgh", corpus.vocabulary().decode(split.train()));
        assertEquals("ij", corpus.vocabulary().decode(split.validation()));
        assertThrows(IllegalArgumentException.class, () -> corpus.split(0.01));
        assertThrows(IllegalArgumentException.class, () -> corpus.split(1.0));
    }

    @Test
    void unigramPerplexityMatchesHandComputation() {
        // Train "aab": p(a) = 2/3, p(b) = 1/3. Evaluate "ab": perplexity = (2/3 * 1/3)^(-1/2).
        UnigramBaseline mle = new UnigramBaseline(new int[] {0, 0, 1}, 2, 0);
        assertEquals(Math.sqrt(4.5), mle.perplexity(new int[] {0, 1}), 1e-12);
        assertEquals(-(Math.log(2.0 / 3) + Math.log(1.0 / 3)) / 2, mle.crossEntropy(new int[] {0, 1}), 1e-12);
        // Add-one smoothing over three tokens: counts 3, 2, 1 out of 6.
        UnigramBaseline smoothed = new UnigramBaseline(new int[] {0, 0, 1}, 3, 1);
        assertEquals(6, smoothed.perplexity(new int[] {2}), 1e-12);
        assertEquals(Math.log(0.5), smoothed.logProbability(0), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, new UnigramBaseline(new int[] {0}, 2, 0).perplexity(new int[] {1}));
        assertThrows(IllegalArgumentException.class, () -> mle.perplexity(new int[] {2}));
    }

    @Test
    void fablesBaselineEqualsEmpiricalEntropyAndBeatsUniform() {
        TextCorpus corpus = TextCorpus.fables();
        String text = corpus.text();
        // Independent reference: exp of the empirical character entropy of the whole text.
        Map<Character, Integer> counts = new HashMap<>();
        for (char c : text.toCharArray()) {
            counts.merge(c, 1, Integer::sum);
        }
        double entropy = 0;
        for (int count : counts.values()) {
            double p = count / (double) text.length();
            entropy -= p * Math.log(p);
        }
        int[] all = corpus.encoded();
        UnigramBaseline onAll = new UnigramBaseline(all, corpus.vocabulary().size(), 0);
        assertEquals(Math.exp(entropy), onAll.perplexity(all), 1e-9);

        TextCorpus.Split split = corpus.split(0.9);
        UnigramBaseline baseline = new UnigramBaseline(split.train(), corpus.vocabulary().size(), 1);
        double validation = baseline.perplexity(split.validation());
        assertTrue(validation > 10 && validation < 0.5 * corpus.vocabulary().size(),
                "unigram validation perplexity " + validation);
    }
}
