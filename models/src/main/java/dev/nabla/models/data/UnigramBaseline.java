package dev.nabla.models.data;

/**
 * The unigram baseline of a language model: predict every token from its frequency in the
 * training data, ignoring context. A model that learns anything must beat its perplexity.
 * Probabilities use additive smoothing, {@code p(t) = (count(t) + α) / (N + α V)}, so that tokens
 * unseen in training keep a non-zero probability.
 */
public final class UnigramBaseline {

    private final double[] logProbabilities;

    /**
     * Counts the training tokens.
     *
     * @param train the training token ids
     * @param vocabularySize the number of token ids, V
     * @param smoothing the pseudo-count α added to every token, {@code >= 0}
     * @throws IllegalArgumentException when a token is out of range, the smoothing is negative or
     *     the training data is empty with zero smoothing
     */
    public UnigramBaseline(int[] train, int vocabularySize, double smoothing) {
        if (!(smoothing >= 0) || vocabularySize <= 0 || (train.length == 0 && smoothing == 0)) {
            throw new IllegalArgumentException("UnigramBaseline: need vocabularySize > 0, smoothing >= 0 and data"
                    + " or smoothing, got V=" + vocabularySize + ", smoothing=" + smoothing + ", " + train.length + " tokens");
        }
        long[] counts = new long[vocabularySize];
        for (int i = 0; i < train.length; i++) {
            counts[checked(train[i], i, vocabularySize)]++;
        }
        double total = train.length + smoothing * vocabularySize;
        logProbabilities = new double[vocabularySize];
        for (int t = 0; t < vocabularySize; t++) {
            logProbabilities[t] = Math.log((counts[t] + smoothing) / total);
        }
    }

    /**
     * @param token a token id
     * @return the natural log of its estimated probability
     */
    public double logProbability(int token) {
        return logProbabilities[checked(token, 0, logProbabilities.length)];
    }

    /**
     * @param tokens evaluation token ids, at least one
     * @return the mean negative log-likelihood per token in nats (the cross-entropy)
     * @throws IllegalArgumentException when there are no tokens or one is out of range
     */
    public double crossEntropy(int[] tokens) {
        if (tokens.length == 0) {
            throw new IllegalArgumentException("UnigramBaseline.crossEntropy: no tokens to evaluate");
        }
        double sum = 0;
        for (int i = 0; i < tokens.length; i++) {
            sum -= logProbabilities[checked(tokens[i], i, logProbabilities.length)];
        }
        return sum / tokens.length;
    }

    /**
     * @param tokens evaluation token ids, at least one
     * @return the perplexity, {@code exp(crossEntropy(tokens))}; infinite when an unsmoothed
     *     model meets an unseen token
     */
    public double perplexity(int[] tokens) {
        return Math.exp(crossEntropy(tokens));
    }

    private static int checked(int token, int index, int vocabularySize) {
        if (token < 0 || token >= vocabularySize) {
            throw new IllegalArgumentException(
                    "UnigramBaseline: token " + token + " at index " + index + " is not in 0.." + (vocabularySize - 1));
        }
        return token;
    }
}
