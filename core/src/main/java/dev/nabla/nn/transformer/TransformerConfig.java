package dev.nabla.nn.transformer;

/**
 * Sizes and style of a Transformer block.
 *
 * @param dModel the model width
 * @param heads attention heads (must divide dModel)
 * @param feedForward the hidden width of the position-wise feed-forward network
 * @param dropout dropout on attention and feed-forward outputs (training only)
 * @param preNorm layer norm before each sub-layer (GPT-2 style, PyTorch's {@code norm_first=True}) instead
 *     of after the residual (the original post-norm)
 * @param activation the feed-forward activation
 */
public record TransformerConfig(int dModel, int heads, int feedForward, double dropout, boolean preNorm,
        FeedForwardActivation activation) {

    /** Validates. */
    public TransformerConfig {
        if (dModel <= 0 || heads <= 0 || feedForward <= 0 || dModel % heads != 0) {
            throw new IllegalArgumentException("TransformerConfig: need positive sizes and heads dividing the model width, got "
                    + "dModel=" + dModel + " heads=" + heads + " feedForward=" + feedForward);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("TransformerConfig: dropout must be in [0, 1), got " + dropout);
        }
        if (activation == null) {
            throw new IllegalArgumentException("TransformerConfig: the feed-forward activation is null");
        }
    }

    /** With PyTorch's default feed-forward activation, ReLU. */
    public TransformerConfig(int dModel, int heads, int feedForward, double dropout, boolean preNorm) {
        this(dModel, heads, feedForward, dropout, preNorm, FeedForwardActivation.RELU);
    }

    /** The same configuration with another feed-forward activation. */
    public TransformerConfig withActivation(FeedForwardActivation value) {
        return new TransformerConfig(dModel, heads, feedForward, dropout, preNorm, value);
    }
}
