package dev.nabla.ml.optim;

import dev.nabla.Tensor;
import dev.nabla.ml.Inputs;
import java.util.function.UnaryOperator;

/**
 * Newton's method with the Newton system solved inexactly by conjugate gradients on
 * Hessian-vector products (Newton-CG, as scikit-learn's {@code newton-cg}): no Hessian is ever
 * formed, and each product costs what the objective makes it cost (two matrix products for the
 * linear models' closed forms, a double backward pass through autograd otherwise). The inner
 * solve stops at a residual of {@code η·|g|₁} with {@code η = min(0.5, √|g|₁)}, so early steps are
 * cheap and the last ones superlinear; a negative-curvature direction ends it early. Steps come
 * from a strong-Wolfe line search.
 *
 * <p>Converged when the summed objective's largest gradient entry {@code n·max|∇F|} is at most
 * {@code tolerance} (scikit-learn's {@code tol}), which includes a start at the exact optimum, or
 * when the dtype's floor is reached ({@link HostObjective.Stalls}, or no step found while the
 * predicted gain is within F's noise).
 *
 * @param maxIterations Newton iteration limit
 * @param tolerance stop when {@code n·max|∇F|} falls to this
 */
public record Newton(int maxIterations, double tolerance) implements FiniteSumSolver {

    /** Inner conjugate-gradient iterations per Newton step (scikit-learn's {@code maxinner}). */
    private static final int MAX_INNER = 200;

    /** Validates the settings. */
    public Newton {
        Inputs.requirePositive("Newton", "maxIterations", maxIterations);
        Inputs.requirePositive("Newton", "tolerance", tolerance);
    }

    /**
     * 100 iterations (scikit-learn's default) and tolerance 1e-6: scikit-learn's rule, 100 times tighter than
     * its default {@code tol = 1e-4}, with which its newton-cg stops 8e-4 (relative) from the optimum on raw
     * digits; 1e-6 gets within 1e-5 in a few more iterations.
     */
    public static Newton defaults() {
        return new Newton(100, 1e-6);
    }

    @Override
    public SolverResult minimize(FiniteSumObjective objective, Tensor initial) {
        HostObjective f = new HostObjective(objective, initial);
        HostObjective.Point x = f.at(initial.detach().toDoubleArray());
        HostObjective.Stalls stalls = f.new Stalls();
        for (int it = 0; it < maxIterations; it++) {
            if (f.gradientMeasure(x) <= tolerance) {
                return new SolverResult(f.tensor(x.w()), x.value(), it, true);
            }
            double[] direction = conjugateGradient(f.hessian(x), x.gradient(), f.terms());
            HostObjective.Point next = WolfeLineSearch.search(f, x, direction, 1);
            if (next == null) {
                // no acceptable step: converged as far as F resolves when the predicted gain is within its noise
                double predicted = -0.5 * HostVectors.dot(x.gradient(), direction);
                return new SolverResult(f.tensor(x.w()), x.value(), it, predicted <= WolfeLineSearch.noise(f, x.value()));
            }
            boolean stalled = stalls.stalled(x, next);
            x = next;
            if (stalled) {
                return new SolverResult(f.tensor(x.w()), x.value(), it + 1, true);
            }
        }
        return new SolverResult(f.tensor(x.w()), x.value(), maxIterations, f.gradientMeasure(x) <= tolerance);
    }

    /**
     * An approximate solution of {@code H·p = -g} by conjugate gradients from zero, stopped when the
     * summed objective's residual {@code n·|r|₁} reaches {@code η·n·|g|₁}; on negative curvature, the
     * iterate so far, or steepest descent scaled by the curvature's magnitude if it came first.
     */
    private static double[] conjugateGradient(UnaryOperator<double[]> hessian, double[] g, double terms) {
        double magnitude = terms * HostVectors.sumAbs(g);
        double stop = Math.min(0.5, Math.sqrt(magnitude)) * magnitude;
        double[] x = new double[g.length];
        double[] r = g.clone();
        double[] p = HostVectors.scaled(-1, r);
        double rr = HostVectors.dot(r, r);
        for (int i = 0; i <= MAX_INNER && terms * HostVectors.sumAbs(r) > stop; i++) {
            double[] hp = hessian.apply(p);
            double curvature = HostVectors.dot(p, hp);
            // flat along p relative to p's own size (scikit-learn's absolute 3·eps would stop every solve
            // once the gradient itself is tiny)
            if (curvature >= 0 && curvature <= 3 * Math.ulp(1.0) * HostVectors.dot(p, p)) {
                break;
            }
            if (curvature < 0) {
                if (i == 0) {
                    HostVectors.axpy(rr / -curvature, p, x);
                }
                break;
            }
            double alpha = rr / curvature;
            HostVectors.axpy(alpha, p, x);
            HostVectors.axpy(alpha, hp, r);
            double next = HostVectors.dot(r, r);
            for (int j = 0; j < p.length; j++) {
                p[j] = -r[j] + next / rr * p[j];
            }
            rr = next;
        }
        return HostVectors.maxAbs(x) == 0 ? HostVectors.scaled(-1, g) : x;
    }
}
