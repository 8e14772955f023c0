package dev.nabla.ml.linear;

import dev.nabla.Tensor;
import dev.nabla.ml.ClassLabels;
import dev.nabla.ml.ConvergenceWarning;
import dev.nabla.ml.Inputs;
import dev.nabla.ml.SupervisedLearner;
import dev.nabla.ml.optim.FiniteSumObjective;
import dev.nabla.ml.optim.FiniteSumSolver;
import dev.nabla.ml.optim.Lbfgs;
import dev.nabla.ml.optim.SolverResult;
import java.util.Objects;

/**
 * Logistic regression minimising the mean cross-entropy plus {@code (λ/2)|W|²} (intercepts
 * unpenalised). Two classes give the binary (sigmoid) model, more the multinomial (softmax) one.
 * scikit-learn's {@code LogisticRegression(C=c)} on {@code n} rows is {@code λ = 1/(c·n)}. Every
 * evaluation of the loss and its gradient is one pass of two matrix products over the data (no
 * autograd graph, no copy of X), so a fit's memory is X plus a few vectors of n scores.
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
        Design design = Design.of(x, fitIntercept);
        LogisticModel model;
        if (classes.size() == 2) {
            MarginObjective objective = new MarginObjective(design, classes.signs(op, y, x), MarginLoss.LOGISTIC,
                    MarginObjective.l2(design, l2));
            SolverResult r = solve(objective, design.width(), x);
            model = new LogisticModel(design.coefficients(r.solution()).contiguous(), design.intercepts(r.solution()),
                    classes, r.iterations(), r.converged());
        } else {
            SoftmaxObjective objective = new SoftmaxObjective(design, classes.encode(op, y).oneHot(classes.size())
                    .to(x.dtype()), l2);
            SolverResult r = solve(objective, design.width() * classes.size(), x);
            Tensor w = objective.weights(r.solution());
            // softmax is unchanged by a constant added to every class's intercept: report the zero-mean ones
            Tensor b = design.intercepts(w);
            model = new LogisticModel(design.coefficients(w).contiguous(), b.sub(b.mean()), classes, r.iterations(),
                    r.converged());
        }
        if (!model.converged()) {
            ConvergenceWarning.warn(op, "the solver stopped after " + model.iterations() + " iterations (" + solver
                    + "); raise its iteration limit or standardise the features");
        }
        return model;
    }

    private SolverResult solve(FiniteSumObjective objective, int parameters, Tensor x) {
        return solver.minimize(objective, Tensor.zeros(x.dtype(), x.device(), parameters));
    }
}
