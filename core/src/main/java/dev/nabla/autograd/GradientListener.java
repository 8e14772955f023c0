package dev.nabla.autograd;

import dev.nabla.Tensor;
import java.util.List;

/** Told after each backward pass which leaves received gradient (see {@link Autograd#addGradientListener}). */
@FunctionalInterface
public interface GradientListener {

    /**
     * Called once a backward pass has finished accumulating.
     *
     * @param leaves the leaf tensors whose {@code .grad} the pass changed, each once
     */
    void gradientsAccumulated(List<Tensor> leaves);
}
