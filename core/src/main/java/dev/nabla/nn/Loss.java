package dev.nabla.nn;

import dev.nabla.Tensor;

/**
 * A loss as a module (so class weights held as buffers move with {@link #to}): call
 * {@link #forward(Tensor, Tensor)} with the prediction and the target.
 */
public abstract class Loss extends Module {

    private final Reduction reduction;

    /** A loss with the given reduction. */
    protected Loss(Reduction reduction) {
        this.reduction = reduction;
    }

    /** The reduction. */
    public Reduction reduction() {
        return reduction;
    }

    /** The loss of {@code input} against {@code target}. */
    public abstract Tensor forward(Tensor input, Tensor target);

    /** Always throws: a loss needs a target, see {@link #forward(Tensor, Tensor)}. */
    @Override
    public final Tensor forward(Tensor input) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " needs a target: call forward(input, target)");
    }

    /** Registers an optional tensor (such as class weights) as a buffer; returns its slot or null. */
    protected final Parameter optionalBuffer(String name, Tensor value) {
        return value == null ? null : registerBuffer(name, value);
    }

    /** The tensor in an optional slot, or null. */
    protected static Tensor valueOf(Parameter slot) {
        return slot == null ? null : slot.get();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(reduction=" + reduction + ")";
    }
}
