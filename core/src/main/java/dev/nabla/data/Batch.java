package dev.nabla.data;

import dev.nabla.Tensor;
import java.util.List;

/**
 * A mini-batch: inputs and targets with the batch as their first dimension.
 *
 * @param inputs the stacked inputs
 * @param targets the stacked targets
 */
public record Batch(Tensor inputs, Tensor targets) {

    /** The number of samples in the batch. */
    public int size() {
        return inputs.size(0);
    }

    /** Collates examples by stacking their inputs and their targets along a new first dimension. */
    public static Batch stack(List<Example> examples) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("Batch.stack: cannot collate an empty list of examples");
        }
        Tensor[] inputs = examples.stream().map(Example::input).toArray(Tensor[]::new);
        Tensor[] targets = examples.stream().map(Example::target).toArray(Tensor[]::new);
        return new Batch(Tensor.stack(0, inputs), Tensor.stack(0, targets));
    }
}
