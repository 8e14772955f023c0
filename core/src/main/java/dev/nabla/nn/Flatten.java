package dev.nabla.nn;

import dev.nabla.Tensor;

/** Merges dimensions {@code start..end} (default 1..-1, keeping the batch dimension). */
public class Flatten extends Module {

    private final int startDim;
    private final int endDim;

    /** Flattens everything but the batch dimension. */
    public Flatten() {
        this(1, -1);
    }

    /** Flattens dimensions {@code startDim..endDim} inclusive (negative counts from the end). */
    public Flatten(int startDim, int endDim) {
        this.startDim = startDim;
        this.endDim = endDim;
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.flatten(startDim, endDim);
    }

    @Override
    public String toString() {
        return "Flatten(" + startDim + ", " + endDim + ")";
    }
}
