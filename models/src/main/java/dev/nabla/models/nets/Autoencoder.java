package dev.nabla.models.nets;

import dev.nabla.Tensor;
import dev.nabla.nn.Module;

/**
 * A fully connected autoencoder: an encoder MLP to a small code and a decoder MLP back to pixel
 * logits ({@link #reconstruct} applies the sigmoid). The denoising and sparse variants are the
 * same network trained differently (corrupted inputs; an L1 penalty on {@link #encode}).
 */
public class Autoencoder extends Module {

    private final Mlp encoder;
    private final Mlp decoder;
    private final int pixels;

    /**
     * @param pixels input size (784 for 28×28 images)
     * @param hidden width of the hidden layer on both sides
     * @param code width of the code
     */
    public Autoencoder(int pixels, int hidden, int code) {
        this.pixels = pixels;
        encoder = registerModule("encoder", new Mlp(pixels, hidden, code));
        decoder = registerModule("decoder", new Mlp(code, hidden, pixels));
    }

    /** The code {@code [B, code]} of inputs of any shape with {@code pixels} values per sample (ReLU, so non-negative). */
    public Tensor encode(Tensor x) {
        return encoder.forward(x).relu();
    }

    /** Pixel logits {@code [B, pixels]} for codes {@code [B, code]}. */
    public Tensor decode(Tensor code) {
        return decoder.forward(code);
    }

    /** Reconstruction logits {@code [B, pixels]}. */
    @Override
    public Tensor forward(Tensor x) {
        return decode(encode(x));
    }

    /** Reconstructions in [0, 1], shaped {@code [B, pixels]}. */
    public Tensor reconstruct(Tensor x) {
        return forward(x).sigmoid();
    }

    /** The number of pixels per sample. */
    public int pixels() {
        return pixels;
    }
}
