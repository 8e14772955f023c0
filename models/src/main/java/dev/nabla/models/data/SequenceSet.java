package dev.nabla.models.data;

/**
 * Problems of one {@link SequenceTask} with their answers, as token ids of {@link TokenVocabulary}.
 * Every problem has the same source and target length, so the arrays are dense matrices.
 *
 * @param task the task the problems come from
 * @param sources {@code count × sourceLength} problem tokens, e.g. {@code 1 2 3 + 4 5 6}
 * @param sourceLength tokens per problem
 * @param targets {@code count × targetLength} answer tokens, e.g. {@code 0 5 7 9}
 * @param targetLength tokens per answer
 */
public record SequenceSet(SequenceTask task, int[] sources, int sourceLength, int[] targets, int targetLength) {

    /** @return the number of problems */
    public int count() {
        return sourceLength == 0 ? 0 : sources.length / sourceLength;
    }

    /** @return the length of one decoder sequence, {@code ^ source = target $} */
    public int decoderLength() {
        return sourceLength + targetLength + 3;
    }

    /** @return the index of the first answer token inside a decoder sequence (loss starts here) */
    public int answerStart() {
        return sourceLength + 2;
    }

    /**
     * The problems laid out for a decoder-only model: {@code ^ source = target $} per row, so that
     * predicting token {@code t+1} from tokens {@code 0..t} at {@code t >= answerStart() - 1} solves
     * the problem.
     *
     * @return {@code count × decoderLength()} token ids
     */
    public int[] decoderTokens() {
        int length = decoderLength();
        int[] tokens = new int[count() * length];
        for (int i = 0; i < count(); i++) {
            int row = i * length;
            tokens[row] = TokenVocabulary.BOS;
            System.arraycopy(sources, i * sourceLength, tokens, row + 1, sourceLength);
            tokens[row + sourceLength + 1] = TokenVocabulary.EQUALS;
            System.arraycopy(targets, i * targetLength, tokens, row + answerStart(), targetLength);
            tokens[row + length - 1] = TokenVocabulary.EOS;
        }
        return tokens;
    }

    /**
     * @param i a problem index
     * @return the problem and its answer as text, e.g. {@code "123+456=0579"}
     */
    public String text(int i) {
        return TokenVocabulary.decode(sources, i * sourceLength, sourceLength) + "="
                + TokenVocabulary.decode(targets, i * targetLength, targetLength);
    }
}
