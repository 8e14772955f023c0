package dev.nabla.models.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A text for character-level language models, with its vocabulary and a train/validation split.
 * {@link #fables()} gives the shipped corpus: about 36 KB of Aesop's fables in public-domain
 * English.
 */
public final class TextCorpus {

    /** Class-path resource (next to this class) holding the shipped fables. */
    public static final String FABLES_RESOURCE = "fables.txt";

    private final String text;
    private final CharVocabulary vocabulary;

    private TextCorpus(String text) {
        this.text = text;
        this.vocabulary = CharVocabulary.of(text);
    }

    /**
     * A contiguous split of the encoded text.
     *
     * @param train the first part, for training
     * @param validation the rest, for validation
     */
    public record Split(int[] train, int[] validation) {
    }

    /**
     * @return the shipped corpus of fables (line ends normalised to {@code \n})
     * @throws UncheckedIOException when the resource cannot be read
     */
    public static TextCorpus fables() {
        try (InputStream in = TextCorpus.class.getResourceAsStream(FABLES_RESOURCE)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("TextCorpus: resource " + FABLES_RESOURCE + " is missing"));
            }
            return of(new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n"));
        } catch (IOException e) {
            throw new UncheckedIOException("TextCorpus: cannot read resource " + FABLES_RESOURCE, e);
        }
    }

    /**
     * @param text any non-empty text
     * @return a corpus over it, its vocabulary made of its own characters
     * @throws IllegalArgumentException when the text is empty
     */
    public static TextCorpus of(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("TextCorpus.of: text is empty");
        }
        return new TextCorpus(text);
    }

    /** @return the whole text */
    public String text() {
        return text;
    }

    /** @return the vocabulary of the text's characters */
    public CharVocabulary vocabulary() {
        return vocabulary;
    }

    /** @return the whole text as character ids */
    public int[] encoded() {
        return vocabulary.encode(text);
    }

    /**
     * Splits the encoded text into a leading training part and a trailing validation part. The cut
     * is contiguous, not random, so that no validation context was seen in training.
     *
     * @param trainFraction share of characters for training, in (0, 1)
     * @return the two parts, both non-empty
     * @throws IllegalArgumentException when the fraction leaves a part empty
     */
    public Split split(double trainFraction) {
        int cut = (int) Math.round(text.length() * trainFraction);
        if (!(trainFraction > 0 && trainFraction < 1) || cut == 0 || cut == text.length()) {
            throw new IllegalArgumentException("TextCorpus.split: fraction " + trainFraction
                    + " of " + text.length() + " characters leaves a part empty");
        }
        int[] ids = encoded();
        return new Split(Arrays.copyOfRange(ids, 0, cut), Arrays.copyOfRange(ids, cut, ids.length));
    }
}
