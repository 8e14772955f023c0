package dev.nabla.models.data;

/**
 * The token vocabulary of the {@link SequenceTask} problems: token id = index in {@link #SYMBOLS}.
 * <ul>
 *   <li>{@link #PAD} {@code '_'} (0) fills unused positions; losses should ignore it;</li>
 *   <li>{@link #BOS} {@code '^'} (1) starts every sequence;</li>
 *   <li>{@link #EOS} {@code '$'} (2) ends every sequence;</li>
 *   <li>digits {@code '0'..'9'} are ids 3..12 ({@link #digit(int)});</li>
 *   <li>{@link #PLUS} {@code '+'} (13) joins the operands of an addition;</li>
 *   <li>{@link #EQUALS} {@code '='} (14) separates a problem from its answer.</li>
 * </ul>
 */
public final class TokenVocabulary {

    /** The symbol of each token id. */
    public static final String SYMBOLS = "_^$0123456789+=";
    /** Padding token id. */
    public static final int PAD = 0;
    /** Start-of-sequence token id. */
    public static final int BOS = 1;
    /** End-of-sequence token id. */
    public static final int EOS = 2;
    /** Addition operator token id. */
    public static final int PLUS = 13;
    /** Separator between problem and answer. */
    public static final int EQUALS = 14;
    /** Number of tokens. */
    public static final int SIZE = SYMBOLS.length();

    private static final int FIRST_DIGIT = 3;

    private TokenVocabulary() {
    }

    /**
     * @param value a digit 0..9
     * @return its token id
     * @throws IllegalArgumentException when {@code value} is not a digit
     */
    public static int digit(int value) {
        if (value < 0 || value > 9) {
            throw new IllegalArgumentException("TokenVocabulary.digit: " + value + " is not in 0..9");
        }
        return FIRST_DIGIT + value;
    }

    /**
     * @param token a digit token id
     * @return the digit it stands for
     * @throws IllegalArgumentException when the token is not a digit
     */
    public static int valueOf(int token) {
        if (token < FIRST_DIGIT || token > FIRST_DIGIT + 9) {
            throw new IllegalArgumentException("TokenVocabulary.valueOf: token " + token + " is not a digit");
        }
        return token - FIRST_DIGIT;
    }

    /**
     * @param text symbols from {@link #SYMBOLS}, e.g. {@code "^12+34=046$"}
     * @return their token ids
     * @throws IllegalArgumentException when a character is not in the vocabulary
     */
    public static int[] encode(String text) {
        int[] tokens = new int[text.length()];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = SYMBOLS.indexOf(text.charAt(i));
            if (tokens[i] < 0) {
                throw new IllegalArgumentException("TokenVocabulary.encode: '" + text.charAt(i)
                        + "' at index " + i + " is not one of \"" + SYMBOLS + "\"");
            }
        }
        return tokens;
    }

    /**
     * @param tokens token ids
     * @param from first index to decode
     * @param length how many tokens to decode
     * @return their symbols
     * @throws IllegalArgumentException when an id is out of range
     */
    public static String decode(int[] tokens, int from, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = from; i < from + length; i++) {
            if (tokens[i] < 0 || tokens[i] >= SIZE) {
                throw new IllegalArgumentException(
                        "TokenVocabulary.decode: token " + tokens[i] + " at index " + i + " is not in 0.." + (SIZE - 1));
            }
            text.append(SYMBOLS.charAt(tokens[i]));
        }
        return text.toString();
    }

    /**
     * @param tokens token ids
     * @return their symbols
     * @throws IllegalArgumentException when an id is out of range
     */
    public static String decode(int[] tokens) {
        return decode(tokens, 0, tokens.length);
    }
}
