package dev.nabla.ml.linear;

import dev.nabla.Tensor;
import dev.nabla.ml.ClassLabels;
import dev.nabla.ml.Inputs;
import dev.nabla.ml.SupervisedLearner;
import dev.nabla.ml.optim.AveragedSgd;
import dev.nabla.ml.optim.FiniteSumSolver;
import java.util.Objects;

/**
 * A linear support vector machine: mean hinge loss {@code max(0, 1 - y(w·x + b))} plus an L2
 * ({@code (λ/2)|w|²}) or L1 ({@code λ|w|₁}) penalty, minimised by (sub)gradient steps.
 *
 * @param lambda penalty strength {@code λ >= 0}
 * @param penalty L2 or L1
 * @param fitIntercept whether to learn the (unpenalised) bias
 * @param solver a first-order solver; the default is averaged SGD, suited to the non-smooth hinge
 */
public record LinearSvm(double lambda, Penalty penalty, boolean fitIntercept, FiniteSumSolver solver)
        implements SupervisedLearner<LinearClassifierModel> {

    /** Validates the settings. */
    public LinearSvm {
        Inputs.requireNonNegative("LinearSvm", "lambda", lambda);
        Objects.requireNonNull(penalty, "LinearSvm: penalty");
        Objects.requireNonNull(solver, "LinearSvm: solver");
    }

    /** Strength {@code lambda} and {@code penalty}, with bias, averaged SGD (step 0.5, 50 epochs, batch 16, seed 0). */
    public static LinearSvm of(double lambda, Penalty penalty) {
        return new LinearSvm(lambda, penalty, true, new AveragedSgd(0.5, 50, 16, 1e-3, 0));
    }

    @Override
    public LinearClassifierModel fit(Tensor x, Tensor y) {
        String op = "LinearSvm.fit";
        Inputs.requireXy(op, x, y);
        return BinaryLinearFit.fit(op, x, y, ClassLabels.of(op, y), MarginLoss.HINGE, penalty, lambda, fitIntercept,
                solver);
    }
}
