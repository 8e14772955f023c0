package dev.nabla.optim;

import dev.nabla.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * Updates parameters from their gradients. Subclasses implement {@link #step()} under no-grad;
 * parameters whose gradient is null are skipped.
 */
public abstract class Optimizer {

    private final List<Parameter> params;

    /** An optimizer over {@code params} (trainable slots). */
    protected Optimizer(List<Parameter> params) {
        if (params.isEmpty()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": no parameters to optimise");
        }
        for (Parameter p : params) {
            if (!p.isTrainable()) {
                throw new IllegalArgumentException(getClass().getSimpleName() + ": a buffer is not a trainable parameter: " + p);
            }
        }
        this.params = new ArrayList<>(params);
    }

    /** The parameters being optimised. */
    public List<Parameter> params() {
        return params;
    }

    /** Clears every parameter's gradient. */
    public void zeroGrad() {
        params.forEach(p -> p.get().setGrad(null));
    }

    /** Applies one update. */
    public abstract void step();
}
