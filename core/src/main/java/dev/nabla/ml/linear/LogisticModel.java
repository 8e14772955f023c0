package dev.nabla.ml.linear;

import dev.nabla.Tensor;
import dev.nabla.ml.ClassLabels;
import dev.nabla.ml.Inputs;
import dev.nabla.ml.ProbabilisticClassifier;

/**
 * A fitted logistic regression. Binary models hold one weight vector (the log-odds of the second
 * class); multinomial ones hold one column per class.
 *
 * @param coefficients {@code [d]} (binary) or {@code [d, K]} (multinomial)
 * @param intercepts {@code []} (binary) or {@code [K]}
 * @param classes the class labels
 * @param iterations solver iterations
 * @param converged whether the solver met its tolerance
 */
public record LogisticModel(Tensor coefficients, Tensor intercepts, ClassLabels classes, int iterations,
        boolean converged) implements ProbabilisticClassifier {

    /** Whether the model is binary (one log-odds vector). */
    public boolean isBinary() {
        return coefficients.rank() == 1;
    }

    /** Log-odds of the second class {@code [n]} (binary) or class logits {@code [n, K]} (multinomial). */
    public Tensor decisionFunction(Tensor x) {
        Inputs.requireFeatures("LogisticModel.decisionFunction", x, numFeatures());
        return x.matmul(coefficients.to(x.dtype())).add(intercepts.to(x.dtype()));
    }

    @Override
    public Tensor predictProba(Tensor x) {
        Tensor z = decisionFunction(x);
        if (isBinary()) {
            Tensor p = z.sigmoid();
            return Tensor.stack(1, p.rsub(1), p);
        }
        return z.sub(z.logsumexp(new int[] {1}, true)).exp();
    }

    @Override
    public Tensor predict(Tensor x) {
        return classes.decode(predictProba(x).argmax(1, false));
    }

    @Override
    public int numFeatures() {
        return coefficients.size(0);
    }
}
