package dev.nabla.nn.transformer;

/**
 * Sizes and style of a Transformer block.
 *
 * @param dModel the model width
 * @param heads attention heads (must divide dModel)
 * @param feedForward the hidden width of the position-wise feed-forward network
 * @param dropout dropout on attention and feed-forward outputs (training only)
 * @param preNorm layer norm before each sub-layer (GPT-2 style) instead of after the residual
 *     (the original post-norm)
 */
public record TransformerConfig(int dModel, int heads, int feedForward, double dropout, boolean preNorm) {

    /** Validates. */
    public TransformerConfig {
        if (dModel <= 0 || heads <= 0 || feedForward <= 0 || dModel % heads != 0) {
            throw new IllegalArgumentException("TransformerConfig: need positive sizes and heads dividing the model width, got "
                    + "dModel=" + dModel + " heads=" + heads + " feedForward=" + feedForward);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("TransformerConfig: dropout must be in [0, 1), got " + dropout);
        }
    }
}
