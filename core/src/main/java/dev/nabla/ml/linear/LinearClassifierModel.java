package dev.nabla.ml.linear;

import dev.nabla.DType;
import dev.nabla.Tensor;
import dev.nabla.ml.ClassLabels;
import dev.nabla.ml.BinaryClassifier;
import dev.nabla.ml.Inputs;

/**
 * A fitted binary linear classifier: predicts the second class where {@code X w + b > 0}.
 *
 * @param coefficients {@code w}, {@code [d]}
 * @param intercept {@code b}
 * @param classes the two labels; the second is the positive side
 * @param iterations solver iterations or epochs
 * @param converged whether training met its stopping criterion
 */
public record LinearClassifierModel(Tensor coefficients, double intercept, ClassLabels classes, int iterations,
        boolean converged) implements BinaryClassifier {

    /** The signed score {@code X w + b} per row, {@code [n]}. */
    @Override
    public Tensor decisionFunction(Tensor x) {
        Inputs.requireFeatures("LinearClassifierModel.decisionFunction", x, numFeatures());
        return x.matmul(coefficients.to(x.dtype())).add(intercept);
    }

    @Override
    public Tensor predict(Tensor x) {
        return classes.decode(decisionFunction(x).gt(0).to(DType.INT64));
    }

    @Override
    public int numFeatures() {
        return coefficients.size(0);
    }
}
