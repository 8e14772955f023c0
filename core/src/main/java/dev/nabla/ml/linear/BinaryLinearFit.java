package dev.nabla.ml.linear;

import dev.nabla.Tensor;
import dev.nabla.ml.ClassLabels;
import dev.nabla.ml.optim.FiniteSumSolver;
import dev.nabla.ml.optim.SolverResult;

/** Fits {@code w, b} of a binary margin-loss model with a penalty, shared by logistic regression and the SVM. */
final class BinaryLinearFit {

    private BinaryLinearFit() {
    }

    static LinearClassifierModel fit(String op, Tensor x, Tensor y, ClassLabels classes, MarginLoss loss,
            Penalty penalty, double strength, boolean fitIntercept, FiniteSumSolver solver) {
        Design design = Design.of(x, fitIntercept);
        Tensor signs = classes.signs(op, y, x);
        MarginObjective objective = new MarginObjective(design.features(), signs, loss,
                w -> penalty.apply(w, design.penaltyMask(), strength));
        SolverResult r = solver.minimize(objective, Tensor.zeros(x.dtype(), x.device(), design.width()));
        return new LinearClassifierModel(design.coefficients(r.solution()), design.intercepts(r.solution()).item(),
                classes, r.iterations(), r.converged());
    }
}
