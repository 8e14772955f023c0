package dev.nabla.nn;

import dev.nabla.Tensor;

/**
 * A named slot in a module that holds a tensor: a trainable parameter (a leaf that requires
 * grad) or a buffer (state such as running statistics, saved but not trained). Modules read the
 * slot at every forward call, so {@link Module#to} and {@link Module#loadStateDict} can replace
 * the tensor in it.
 */
public final class Parameter {

    private final boolean trainable;
    private Tensor value;

    private Parameter(Tensor value, boolean trainable) {
        this.trainable = trainable;
        set(value);
    }

    /** A trainable parameter; the tensor becomes a leaf that requires grad. */
    public static Parameter of(Tensor value) {
        return new Parameter(value, true);
    }

    /** A buffer: saved in the state dict, never trained. */
    public static Parameter buffer(Tensor value) {
        return new Parameter(value, false);
    }

    /** The current tensor. */
    public Tensor get() {
        return value;
    }

    /**
     * Replaces the tensor. A trainable slot adopts a leaf that requires grad as it is (so gradient
     * checks can pass their own leaves in); anything else is detached first.
     */
    public void set(Tensor tensor) {
        if (trainable && tensor.isLeaf() && tensor.requiresGrad()) {
            this.value = tensor;
            return;
        }
        Tensor leaf = tensor.detach();
        this.value = trainable ? leaf.requiresGrad(true) : leaf;
    }

    /** Whether optimizers update this slot. */
    public boolean isTrainable() {
        return trainable;
    }

    /** The accumulated gradient of the current tensor, or null. */
    public Tensor grad() {
        return value.grad();
    }

    @Override
    public String toString() {
        return (trainable ? "Parameter" : "Buffer") + value.shape() + " " + value.dtype().id();
    }
}
