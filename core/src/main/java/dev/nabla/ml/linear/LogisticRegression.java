package dev.nabla.ml.linear;

import dev.nabla.Tensor;
import dev.nabla.ml.ClassLabels;
import dev.nabla.ml.Inputs;
import dev.nabla.ml.SupervisedLearner;
import dev.nabla.ml.optim.FiniteSumSolver;
import dev.nabla.ml.optim.Lbfgs;
import dev.nabla.ml.optim.SolverResult;
import java.util.Objects;

/**
 * Logistic regression minimising the mean cross-entropy plus {@code (λ/2)|W|²} (intercepts
 * unpenalised). Two classes give the binary (sigmoid) model, more the multinomial (softmax) one.
 *
 * @param l2 the penalty strength {@code λ >= 0}
 * @param fitIntercept whether to fit intercepts
 * @param solver the optimiser: {@link Lbfgs}, {@link dev.nabla.ml.optim.Newton},
 *     {@link dev.nabla.ml.optim.GradientDescent}, {@link dev.nabla.ml.optim.Svrg}, ...
 */
public record LogisticRegression(double l2, boolean fitIntercept, FiniteSumSolver solver)
        implements SupervisedLearner<LogisticModel> {

    /** Validates the settings. */
    public LogisticRegression {
        Inputs.requireNonNegative("LogisticRegression", "l2", l2);
        Objects.requireNonNull(solver, "LogisticRegression: solver");
    }

    /** Penalty {@code l2}, with intercept, L-BFGS. */
    public static LogisticRegression of(double l2) {
        return new LogisticRegression(l2, true, Lbfgs.defaults());
    }

    /** A copy with another solver. */
    public LogisticRegression withSolver(FiniteSumSolver value) {
        return new LogisticRegression(l2, fitIntercept, value);
    }

    @Override
    public LogisticModel fit(Tensor x, Tensor y) {
        String op = "LogisticRegression.fit";
        Inputs.requireXy(op, x, y);
        ClassLabels classes = ClassLabels.of(op, y);
        if (classes.size() == 2) {
            LinearClassifierModel m = BinaryLinearFit.fit(op, x, y, classes, MarginLoss.LOGISTIC, Penalty.L2, l2,
                    fitIntercept, solver);
            Tensor b = Tensor.scalar(m.intercept(), x.dtype(), x.device());
            return new LogisticModel(m.coefficients(), b, classes, m.iterations(), m.converged());
        }
        Design design = Design.of(x, fitIntercept);
        SoftmaxObjective objective = new SoftmaxObjective(design, classes.encode(op, y).oneHot(classes.size())
                .to(x.dtype()), l2);
        SolverResult r = solver.minimize(objective, Tensor.zeros(x.dtype(), x.device(), design.width() * classes.size()));
        Tensor w = objective.weights(r.solution());
        return new LogisticModel(design.coefficients(w), design.intercepts(w), classes, r.iterations(), r.converged());
    }
}
