package dev.nabla.nn.rnn;

/**
 * Hyper-parameters of a whole-sequence recurrent layer, in PyTorch's terms. Start from
 * {@link #of(int, int)} and adjust with the {@code with...} methods.
 *
 * @param inputSize features per time step
 * @param hiddenSize features of the hidden state
 * @param numLayers stacked layers
 * @param bias whether the cells have biases
 * @param batchFirst inputs and outputs are {@code [B, T, F]} instead of {@code [T, B, F]}
 * @param dropout dropout probability on the outputs of every layer but the last (training only)
 * @param bidirectional run a second pass backwards in time and concatenate
 * @param forgetBias LSTM forget-gate bias at initialisation (NaN: PyTorch's uniform init)
 */
public record RecurrentOptions(int inputSize, int hiddenSize, int numLayers, boolean bias, boolean batchFirst,
        double dropout, boolean bidirectional, double forgetBias) {

    /** Validates. */
    public RecurrentOptions {
        RecurrentChecks.sizes("RecurrentOptions", inputSize, hiddenSize, numLayers);
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("RecurrentOptions: dropout must be in [0, 1), got " + dropout);
        }
    }

    /** One unidirectional time-first layer with bias and no dropout. */
    public static RecurrentOptions of(int inputSize, int hiddenSize) {
        return new RecurrentOptions(inputSize, hiddenSize, 1, true, false, 0, false, Double.NaN);
    }

    /** With {@code n} stacked layers. */
    public RecurrentOptions withLayers(int n) {
        return new RecurrentOptions(inputSize, hiddenSize, n, bias, batchFirst, dropout, bidirectional, forgetBias);
    }

    /** With batch-first inputs and outputs. */
    public RecurrentOptions withBatchFirst(boolean value) {
        return new RecurrentOptions(inputSize, hiddenSize, numLayers, bias, value, dropout, bidirectional, forgetBias);
    }

    /** With dropout between layers. */
    public RecurrentOptions withDropout(double p) {
        return new RecurrentOptions(inputSize, hiddenSize, numLayers, bias, batchFirst, p, bidirectional, forgetBias);
    }

    /** Bidirectional or not. */
    public RecurrentOptions withBidirectional(boolean value) {
        return new RecurrentOptions(inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, value, forgetBias);
    }

    /** With or without biases. */
    public RecurrentOptions withBias(boolean value) {
        return new RecurrentOptions(inputSize, hiddenSize, numLayers, value, batchFirst, dropout, bidirectional, forgetBias);
    }

    /** With the LSTM forget-gate bias initialised to {@code value}. */
    public RecurrentOptions withForgetBias(double value) {
        return new RecurrentOptions(inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, value);
    }

    /** 2 when bidirectional, else 1. */
    public int directions() {
        return bidirectional ? 2 : 1;
    }
}
