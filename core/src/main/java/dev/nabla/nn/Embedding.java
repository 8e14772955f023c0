package dev.nabla.nn;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;

/**
 * A lookup table of {@code num} vectors of size {@code dim}; input is INT64 indices of any shape.
 * Initialised from N(0, 1) like PyTorch; the optional padding row starts at zero and never
 * receives a gradient.
 */
public class Embedding extends Module {

    private final int numEmbeddings;
    private final int embeddingDim;
    private final int paddingIdx;
    private final Parameter weight;

    /** A table without a padding row. */
    public Embedding(int numEmbeddings, int embeddingDim) {
        this(numEmbeddings, embeddingDim, -1, false);
    }

    /**
     * A table whose row {@code paddingIdx} (negative counts from the end) is zero and frozen.
     *
     * @throws IllegalArgumentException when paddingIdx is outside {@code [-num, num)}
     */
    public Embedding(int numEmbeddings, int embeddingDim, int paddingIdx) {
        this(numEmbeddings, embeddingDim, paddingIdx, true);
    }

    private Embedding(int numEmbeddings, int embeddingDim, int paddingIdx, boolean padded) {
        if (numEmbeddings <= 0 || embeddingDim <= 0) {
            throw new IllegalArgumentException("Embedding: sizes must be positive, got num=" + numEmbeddings + " dim="
                    + embeddingDim);
        }
        if (padded && (paddingIdx < -numEmbeddings || paddingIdx >= numEmbeddings)) {
            throw new IllegalArgumentException("Embedding: paddingIdx " + paddingIdx + " is out of range for "
                    + numEmbeddings + " embeddings");
        }
        this.numEmbeddings = numEmbeddings;
        this.embeddingDim = embeddingDim;
        this.paddingIdx = !padded ? -1 : paddingIdx < 0 ? paddingIdx + numEmbeddings : paddingIdx;
        this.weight = registerParameter("weight", Tensor.normal(Generator.global(), 0, 1, DType.FLOAT32, Device.best(),
                numEmbeddings, embeddingDim));
        if (this.paddingIdx >= 0) {
            try (GradMode ignored = Autograd.noGradScope()) {
                weight.get().select(0, this.paddingIdx).fillInPlace(0);
            }
        }
    }

    /** The table, shape {@code [num, dim]}. */
    public Parameter weight() {
        return weight;
    }

    /** The padding row, or -1 when there is none. */
    public int paddingIdx() {
        return paddingIdx;
    }

    @Override
    public Tensor forward(Tensor indices) {
        return Functional.embedding(indices, weight.get(), paddingIdx);
    }

    @Override
    public String toString() {
        return "Embedding(" + numEmbeddings + ", " + embeddingDim + (paddingIdx >= 0 ? ", paddingIdx=" + paddingIdx : "")
                + ")";
    }
}
