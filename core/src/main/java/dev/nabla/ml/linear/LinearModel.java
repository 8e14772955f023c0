package dev.nabla.ml.linear;

import dev.nabla.Tensor;
import dev.nabla.ml.Inputs;
import dev.nabla.ml.Regressor;

/**
 * A fitted linear regressor {@code ŷ = X w + b}.
 *
 * @param coefficients {@code w}, shape {@code [d]}, in the dtype of the training features
 * @param intercept {@code b} (0 when no intercept was fitted)
 * @param iterations solver iterations (0 for closed-form fits)
 * @param converged whether an iterative solver met its tolerance (always true for closed forms)
 */
public record LinearModel(Tensor coefficients, double intercept, int iterations, boolean converged) implements Regressor {

    @Override
    public Tensor predict(Tensor x) {
        Inputs.requireFeatures("LinearModel.predict", x, numFeatures());
        return x.matmul(coefficients.to(x.dtype())).add(intercept);
    }

    @Override
    public int numFeatures() {
        return coefficients.size(0);
    }
}
