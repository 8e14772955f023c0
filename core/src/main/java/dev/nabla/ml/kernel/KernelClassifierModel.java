package dev.nabla.ml.kernel;

import dev.nabla.DType;
import dev.nabla.Tensor;
import dev.nabla.ml.BinaryClassifier;
import dev.nabla.ml.ClassLabels;
import dev.nabla.ml.ProbabilisticClassifier;

/**
 * A fitted binary kernel classifier: the second class where {@code f(x) > 0}. When trained with the
 * logistic loss, {@code σ(f(x))} is the probability of the second class.
 *
 * @param function the decision function {@code f}
 * @param classes the two labels
 * @param iterations epochs or solver iterations
 * @param converged whether training met its stopping criterion
 */
public record KernelClassifierModel(KernelExpansion function, ClassLabels classes, int iterations, boolean converged)
        implements ProbabilisticClassifier, BinaryClassifier {

    /** {@code f(x)} per row. */
    @Override
    public Tensor decisionFunction(Tensor x) {
        return function.evaluate("KernelClassifierModel.decisionFunction", x);
    }

    @Override
    public Tensor predict(Tensor x) {
        return classes.decode(decisionFunction(x).gt(0).to(DType.INT64));
    }

    /** {@code [1 - σ(f), σ(f)]} per row: calibrated for kernel logistic regression, a squashed score otherwise. */
    @Override
    public Tensor predictProba(Tensor x) {
        Tensor p = decisionFunction(x).sigmoid();
        return Tensor.stack(1, p.rsub(1), p);
    }

    @Override
    public int numFeatures() {
        return function.points().size(1);
    }
}
