package dev.nabla.ml.kernel;

import dev.nabla.Tensor;
import dev.nabla.ml.ClassLabels;
import dev.nabla.ml.ConvergenceWarning;
import dev.nabla.ml.Inputs;
import dev.nabla.ml.SupervisedLearner;
import dev.nabla.ml.linear.Design;
import dev.nabla.ml.linear.MarginLoss;
import dev.nabla.ml.linear.MarginObjective;
import dev.nabla.ml.optim.FiniteSumSolver;
import dev.nabla.ml.optim.Lbfgs;
import dev.nabla.ml.optim.SolverResult;
import java.util.Objects;

/**
 * Binary kernel logistic regression: {@code f = Kα + b}, minimising
 * {@code (1/n) Σ log(1 + e^{-y_i f_i}) + (λ/2) αᵀKα} (the RKHS norm of f) over {@code α} and {@code b}.
 *
 * @param kernel the kernel
 * @param lambda penalty strength {@code λ > 0}
 * @param solver the optimiser (default L-BFGS)
 */
public record KernelLogisticRegression(Kernel kernel, double lambda, FiniteSumSolver solver)
        implements SupervisedLearner<KernelClassifierModel> {

    /** Validates the settings. */
    public KernelLogisticRegression {
        Objects.requireNonNull(kernel, "KernelLogisticRegression: kernel");
        Inputs.requirePositive("KernelLogisticRegression", "lambda", lambda);
        Objects.requireNonNull(solver, "KernelLogisticRegression: solver");
    }

    /** {@code kernel} and {@code lambda} with L-BFGS. */
    public static KernelLogisticRegression of(Kernel kernel, double lambda) {
        return new KernelLogisticRegression(kernel, lambda, Lbfgs.defaults());
    }

    @Override
    public KernelClassifierModel fit(Tensor x, Tensor y) {
        String op = "KernelLogisticRegression.fit";
        Inputs.requireXy(op, x, y);
        ClassLabels classes = ClassLabels.of(op, y);
        Tensor signs = classes.signs(op, y, x);
        int n = x.size(0);
        Tensor gram = kernel.gram(x, x).detach();
        // parameters [α; b]: scores Kα + b, penalty (λ/2) αᵀKα, whose gradient is λKα (and 0 for b)
        Design design = Design.of(gram, true);
        MarginObjective objective = new MarginObjective(design, signs, MarginLoss.LOGISTIC,
                w -> Tensor.cat(0, gram.matmul(w.narrow(0, 0, n)).mul(lambda), Tensor.zeros(w.dtype(), w.device(), 1)));
        SolverResult r = solver.minimize(objective, Tensor.zeros(x.dtype(), x.device(), n + 1));
        if (!r.converged()) {
            ConvergenceWarning.warn(op, "the solver stopped after " + r.iterations() + " iterations (" + solver
                    + "); raise its iteration limit");
        }
        Tensor alpha = r.solution().narrow(0, 0, n).contiguous();
        double bias = r.solution().select(0, n).item();
        return new KernelClassifierModel(new KernelExpansion(kernel, x, alpha, bias), classes, r.iterations(),
                r.converged());
    }
}
