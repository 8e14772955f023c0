package dev.nabla.models.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Checks the answers of the sequence tasks by recomputing them from the problem text. */
class SequenceTaskTest {

    @Test
    void additionAnswersAreTheSums() {
        SequenceSet set = SequenceTask.ADDITION.generate(2000, 3, 1);
        assertEquals(7, set.sourceLength());
        assertEquals(4, set.targetLength());
        for (int i = 0; i < set.count(); i++) {
            String text = set.text(i); // e.g. 123+456=0579
            assertTrue(text.matches("\\d{3}\\+\\d{3}=\\d{4}"), text);
            int a = Integer.parseInt(text.substring(0, 3));
            int b = Integer.parseInt(text.substring(4, 7));
            assertEquals(a + b, Integer.parseInt(text.substring(8)), text);
        }
    }

    @Test
    void copyReverseAndSortAnswers() {
        for (SequenceTask task : new SequenceTask[] {SequenceTask.COPY, SequenceTask.REVERSE, SequenceTask.SORT}) {
            SequenceSet set = task.generate(500, 8, 2);
            for (int i = 0; i < set.count(); i++) {
                String[] parts = set.text(i).split("=");
                String source = parts[0];
                String target = parts[1];
                String expected = switch (task) {
                    case COPY -> source;
                    case REVERSE -> new StringBuilder(source).reverse().toString();
                    default -> sortedChars(source);
                };
                assertEquals(expected, target, task + " " + set.text(i));
            }
        }
    }

    @Test
    void sortOutputIsNonDecreasingPermutation() {
        SequenceSet set = SequenceTask.SORT.generate(300, 10, 3);
        for (int i = 0; i < set.count(); i++) {
            int[] target = Arrays.copyOfRange(set.targets(), i * 10, i * 10 + 10);
            for (int j = 1; j < 10; j++) {
                assertTrue(TokenVocabulary.valueOf(target[j - 1]) <= TokenVocabulary.valueOf(target[j]));
            }
            int[] source = Arrays.copyOfRange(set.sources(), i * 10, i * 10 + 10);
            Arrays.sort(source);
            assertArrayEquals(source, target);
        }
    }

    @Test
    void splitHasNoProblemInBothHalvesAndNoDuplicates() {
        for (SequenceTask task : SequenceTask.values()) {
            // 10^4 possible problems either way: 4-digit sequences, or pairs of 2-digit numbers.
            int width = task == SequenceTask.ADDITION ? 2 : 4;
            SequenceTask.Split split = task.split(3000, 1000, width, 4);
            Set<String> train = problems(split.train());
            Set<String> test = problems(split.test());
            assertEquals(3000, train.size(), task + " train has duplicates");
            assertEquals(1000, test.size(), task + " test has duplicates");
            train.retainAll(test);
            assertTrue(train.isEmpty(), task + " overlap " + train);
        }
    }

    @Test
    void denseRequestsEnumerateAllProblems() {
        SequenceTask.Split split = SequenceTask.ADDITION.split(80, 20, 1, 5);
        Set<String> all = problems(split.train());
        all.addAll(problems(split.test()));
        assertEquals(100, all.size()); // every a+b with one-digit a and b
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SequenceTask.ADDITION.split(80, 21, 1, 5));
        assertTrue(e.getMessage().contains("101") && e.getMessage().contains("only 100"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SequenceTask.COPY.generate(1, 19, 0));
    }

    @Test
    void sameSeedSameProblems() {
        assertArrayEquals(SequenceTask.ADDITION.generate(100, 4, 9).sources(),
                SequenceTask.ADDITION.generate(100, 4, 9).sources());
        assertTrue(!Arrays.equals(SequenceTask.COPY.generate(100, 6, 9).sources(),
                SequenceTask.COPY.generate(100, 6, 10).sources()));
    }

    @Test
    void decoderTokensWrapProblemAndAnswer() {
        SequenceSet set = SequenceTask.ADDITION.generate(3, 2, 6);
        int[] tokens = set.decoderTokens();
        assertEquals(3 * 11, tokens.length);
        assertEquals(11, set.decoderLength());
        for (int i = 0; i < 3; i++) {
            String row = TokenVocabulary.decode(tokens, i * 11, 11);
            assertEquals("^" + set.text(i) + "$", row);
            assertEquals('=', row.charAt(set.answerStart() - 1));
        }
    }

    @Test
    void vocabularyRoundTripAndDocumentedIds() {
        assertEquals(0, TokenVocabulary.PAD);
        assertEquals('^', TokenVocabulary.SYMBOLS.charAt(TokenVocabulary.BOS));
        assertEquals('$', TokenVocabulary.SYMBOLS.charAt(TokenVocabulary.EOS));
        assertEquals('7', TokenVocabulary.SYMBOLS.charAt(TokenVocabulary.digit(7)));
        assertEquals(15, TokenVocabulary.SIZE);
        assertEquals("^12+34=046$", TokenVocabulary.decode(TokenVocabulary.encode("^12+34=046$")));
        assertThrows(IllegalArgumentException.class, () -> TokenVocabulary.encode("1*2"));
    }

    private static Set<String> problems(SequenceSet set) {
        Set<String> problems = new HashSet<>();
        for (int i = 0; i < set.count(); i++) {
            problems.add(set.text(i).split("=")[0]);
        }
        return problems;
    }

    private static String sortedChars(String s) {
        char[] chars = s.toCharArray();
        Arrays.sort(chars);
        return new String(chars);
    }
}
