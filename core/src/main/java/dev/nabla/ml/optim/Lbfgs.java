package dev.nabla.ml.optim;

import dev.nabla.Tensor;
import dev.nabla.ml.Inputs;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * Limited-memory BFGS: the two-loop recursion over the last {@code history} curvature pairs, steps
 * chosen by a strong-Wolfe line search (so every accepted pair has positive curvature). The small
 * vectors (parameters, gradient, history) live on the host; each iteration costs one or a few
 * evaluations of the objective's value and gradient, its only Tensor work.
 *
 * <p>Stopping rules follow SciPy's L-BFGS-B as scikit-learn runs it, on the summed objective
 * {@code n·F}: converged when its largest gradient entry is at most {@code tolerance} (scikit-learn's
 * {@code tol}, L-BFGS-B's {@code pgtol}), or when the dtype's floor is reached: several steps in a
 * row change it by no more than its rounding noise ({@link HostObjective.Stalls}: L-BFGS-B's
 * {@code ftol} test with a threshold of 16 machine epsilons of the dtype instead of a fixed 2.2e-9,
 * which on ill-conditioned problems such as digits stops SciPy 1.4 % away from the optimum), or no
 * step can be found and the model predicts a gain within F's noise.
 *
 * @param history number of curvature pairs kept (10, as SciPy)
 * @param maxIterations iteration limit
 * @param tolerance stop when {@code n·max|∇F|} falls to this
 */
public record Lbfgs(int history, int maxIterations, double tolerance) implements FiniteSumSolver {

    /** Validates the settings. */
    public Lbfgs {
        Inputs.requirePositive("Lbfgs", "history", history);
        Inputs.requirePositive("Lbfgs", "maxIterations", maxIterations);
        Inputs.requirePositive("Lbfgs", "tolerance", tolerance);
    }

    /**
     * Ten pairs, 15000 iterations, tolerance 1e-6: scikit-learn's rule, 100 times tighter than its default
     * {@code tol = 1e-4}, which on raw digits stops 1.7e-3 (relative) from the optimum; 1e-6 gets within 2e-5.
     */
    public static Lbfgs defaults() {
        return new Lbfgs(10, 15000, 1e-6);
    }

    private record Pair(double[] s, double[] y, double rho) {
    }

    @Override
    public SolverResult minimize(FiniteSumObjective objective, Tensor initial) {
        HostObjective f = new HostObjective(objective, initial);
        Deque<Pair> pairs = new ArrayDeque<>();
        HostObjective.Point x = f.at(initial.detach().toDoubleArray());
        HostObjective.Stalls stalls = f.new Stalls();
        for (int it = 0; it < maxIterations; it++) {
            if (f.gradientMeasure(x) <= tolerance) {
                return result(f, x, it, true);
            }
            double[] direction = direction(x.gradient(), pairs);
            // what the quadratic model predicts this step gains; if even that is rounding noise, a failed
            // search means the dtype's floor was reached, not that the solver gave up early
            double predicted = pairs.isEmpty() ? Double.POSITIVE_INFINITY : -0.5 * HostVectors.dot(x.gradient(), direction);
            HostObjective.Point next = WolfeLineSearch.search(f, x, direction, pairs.isEmpty()
                    ? Math.min(1, 1 / HostVectors.norm(x.gradient())) : 1);
            if (next == null && !pairs.isEmpty()) {
                // a stale history can give a poor direction: restart from steepest descent once
                pairs.clear();
                double[] steepest = HostVectors.scaled(-1, x.gradient());
                next = WolfeLineSearch.search(f, x, steepest, Math.min(1, 1 / HostVectors.norm(x.gradient())));
            }
            if (next == null) {
                return result(f, x, it, Double.isFinite(predicted) && predicted <= WolfeLineSearch.noise(f, x.value()));
            }
            double[] s = HostVectors.minus(next.w(), x.w());
            double[] y = HostVectors.minus(next.gradient(), x.gradient());
            double sy = HostVectors.dot(s, y);
            if (sy > 1e-10 * HostVectors.dot(y, y)) {
                pairs.addLast(new Pair(s, y, 1 / sy));
                if (pairs.size() > history) {
                    pairs.removeFirst();
                }
            }
            boolean stalled = stalls.stalled(x, next);
            x = next;
            if (stalled) {
                return result(f, x, it + 1, true);
            }
        }
        return result(f, x, maxIterations, f.gradientMeasure(x) <= tolerance);
    }

    private static SolverResult result(HostObjective f, HostObjective.Point x, int iterations, boolean converged) {
        return new SolverResult(f.tensor(x.w()), x.value(), iterations, converged);
    }

    /** The two-loop recursion: {@code -H·g} for the inverse-Hessian approximation H of the pairs. */
    private static double[] direction(double[] g, Deque<Pair> pairs) {
        double[] q = g.clone();
        double[] alpha = new double[pairs.size()];
        int i = pairs.size();
        for (Iterator<Pair> it = pairs.descendingIterator(); it.hasNext();) {
            Pair p = it.next();
            alpha[--i] = p.rho() * HostVectors.dot(p.s(), q);
            HostVectors.axpy(-alpha[i], p.y(), q);
        }
        if (!pairs.isEmpty()) {
            Pair last = pairs.getLast();
            q = HostVectors.scaled(1 / (last.rho() * HostVectors.dot(last.y(), last.y())), q);
        }
        i = 0;
        for (Pair p : pairs) {
            double beta = p.rho() * HostVectors.dot(p.y(), q);
            HostVectors.axpy(alpha[i++] - beta, p.s(), q);
        }
        return HostVectors.scaled(-1, q);
    }
}
