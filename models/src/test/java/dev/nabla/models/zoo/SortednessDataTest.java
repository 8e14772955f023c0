package dev.nabla.models.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.models.data.TokenVocabulary;
import org.junit.jupiter.api.Test;

/** The sortedness data: labels checked by re-reading every row's digits. */
class SortednessDataTest {

    private static boolean sorted(int[] tokens, int row, int width) {
        for (int i = row + 2; i <= row + width; i++) {
            if (TokenVocabulary.valueOf(tokens[i]) < TokenVocabulary.valueOf(tokens[i - 1])) {
                return false;
            }
        }
        return true;
    }

    @Test
    void labelsSayWhetherTheDigitsAreSorted() {
        int width = 10;
        SortednessData.Labelled set = SortednessData.labelled(400, width, 5);
        int positives = 0;
        for (int i = 0; i < 400; i++) {
            int row = i * (width + 1);
            assertEquals(TokenVocabulary.BOS, set.tokens()[row]);
            assertEquals(set.labels()[i] == 1, sorted(set.tokens(), row, width), "row " + i);
            positives += set.labels()[i];
        }
        assertEquals(200, positives);
    }

    @Test
    void unlabelledRowsAreHalfSorted() {
        int width = 10;
        int[] tokens = SortednessData.unlabelled(300, width, 9);
        int sortedRows = 0;
        for (int i = 0; i < 300; i++) {
            sortedRows += sorted(tokens, i * (width + 1), width) ? 1 : 0;
        }
        // the first 150 are sorted; a random 10-digit row is sorted with probability C(19,10)/10^10
        assertEquals(150, sortedRows);
    }
}
