package dev.nabla.nn.transformer;

import dev.nabla.Tensor;
import dev.nabla.nn.Functional;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Module;

/** The position-wise feed-forward network {@code Linear → GELU → dropout → Linear}. */
public class FeedForward extends Module {

    private final Linear up;
    private final Linear down;
    private final double dropout;

    /** A network from {@code dModel} through {@code hidden} units back to {@code dModel}. */
    public FeedForward(int dModel, int hidden, double dropout) {
        this.up = registerModule("up", new Linear(dModel, hidden));
        this.down = registerModule("down", new Linear(hidden, dModel));
        this.dropout = dropout;
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor h = up.forward(x);
        // exact GELU: x · Φ(x)
        h = h.mul(h.mul(1 / Math.sqrt(2)).erf().add(1)).mul(0.5);
        return down.forward(Functional.dropout(h, dropout, isTraining()));
    }
}
