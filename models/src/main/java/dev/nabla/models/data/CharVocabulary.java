package dev.nabla.models.data;

import java.util.Arrays;

/**
 * A character-level vocabulary: the distinct characters of a text, sorted, with id = rank.
 */
public final class CharVocabulary {

    private final char[] symbols;

    private CharVocabulary(char[] symbols) {
        this.symbols = symbols;
    }

    /**
     * @param text the text whose characters make the vocabulary
     * @return the vocabulary of its distinct characters in ascending order
     */
    public static CharVocabulary of(String text) {
        return new CharVocabulary(text.chars().distinct().sorted()
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString().toCharArray());
    }

    /** @return the number of characters */
    public int size() {
        return symbols.length;
    }

    /**
     * @param c a character
     * @return its id
     * @throws IllegalArgumentException when the character is not in the vocabulary
     */
    public int id(char c) {
        int id = Arrays.binarySearch(symbols, c);
        if (id < 0) {
            throw new IllegalArgumentException(String.format(
                    "CharVocabulary.id: character '%s' (U+%04X) is not in the vocabulary", c, (int) c));
        }
        return id;
    }

    /**
     * @param id an id in {@code 0..size()-1}
     * @return its character
     * @throws IllegalArgumentException when the id is out of range
     */
    public char symbol(int id) {
        if (id < 0 || id >= symbols.length) {
            throw new IllegalArgumentException("CharVocabulary.symbol: id " + id + " is not in 0.." + (symbols.length - 1));
        }
        return symbols[id];
    }

    /**
     * @param text characters of this vocabulary
     * @return their ids
     * @throws IllegalArgumentException when a character is not in the vocabulary
     */
    public int[] encode(String text) {
        int[] ids = new int[text.length()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = id(text.charAt(i));
        }
        return ids;
    }

    /**
     * @param ids ids of this vocabulary
     * @return their characters
     * @throws IllegalArgumentException when an id is out of range
     */
    public String decode(int[] ids) {
        StringBuilder text = new StringBuilder(ids.length);
        for (int id : ids) {
            text.append(symbol(id));
        }
        return text.toString();
    }
}
