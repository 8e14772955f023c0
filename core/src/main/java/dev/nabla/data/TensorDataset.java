package dev.nabla.data;

import dev.nabla.Tensor;

/**
 * A dataset held in two tensors whose first dimension indexes the samples: features and labels.
 * Batches are gathered with one {@code indexSelect} per tensor rather than sample by sample.
 */
public final class TensorDataset implements Dataset<Example> {

    private final Tensor features;
    private final Tensor labels;

    /**
     * A dataset of {@code features[i], labels[i]}.
     *
     * @throws IllegalArgumentException when the first dimensions differ or a tensor is a scalar
     */
    public TensorDataset(Tensor features, Tensor labels) {
        if (features.rank() == 0 || labels.rank() == 0 || features.size(0) != labels.size(0)) {
            throw new IllegalArgumentException("TensorDataset: features " + features.shape() + " and labels " + labels.shape()
                    + " must have the same first dimension");
        }
        this.features = features;
        this.labels = labels;
    }

    /** The features tensor. */
    public Tensor features() {
        return features;
    }

    /** The labels tensor. */
    public Tensor labels() {
        return labels;
    }

    @Override
    public int size() {
        return features.size(0);
    }

    @Override
    public Example get(int index) {
        return new Example(features.select(0, index), labels.select(0, index));
    }

    /** The samples at {@code indices}, gathered into a batch. */
    public Batch batch(int[] indices) {
        return new Batch(take(features, indices), take(labels, indices));
    }

    /** A dataset of the samples at {@code indices} (copied), e.g. one side of a split. */
    public TensorDataset subset(int[] indices) {
        return new TensorDataset(take(features, indices), take(labels, indices));
    }

    private static Tensor take(Tensor t, int[] indices) {
        return t.indexSelect(0, Tensor.ofIndices(indices).to(t.device()));
    }
}
