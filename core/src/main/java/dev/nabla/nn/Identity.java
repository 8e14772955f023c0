package dev.nabla.nn;

import dev.nabla.Tensor;

/** Returns its input unchanged (a placeholder, e.g. for a removed classifier head). */
public class Identity extends Module {

    @Override
    public Tensor forward(Tensor input) {
        return input;
    }

    @Override
    public String toString() {
        return "Identity()";
    }
}
