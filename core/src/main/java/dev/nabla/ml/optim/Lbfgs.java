package dev.nabla.ml.optim;

import dev.nabla.Tensor;
import dev.nabla.ml.Inputs;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * Limited-memory BFGS: the two-loop recursion over the last {@code history} curvature pairs,
 * with a backtracking line search. Vectors stay on the device; only dot products come back.
 *
 * @param history number of curvature pairs kept
 * @param maxIterations iteration limit
 * @param tolerance stop when the gradient norm falls below this
 */
public record Lbfgs(int history, int maxIterations, double tolerance) implements FiniteSumSolver {

    /** Validates the settings. */
    public Lbfgs {
        Inputs.requirePositive("Lbfgs", "history", history);
        Inputs.requirePositive("Lbfgs", "maxIterations", maxIterations);
        Inputs.requirePositive("Lbfgs", "tolerance", tolerance);
    }

    /** Ten pairs, 500 iterations, tolerance 1e-8. */
    public static Lbfgs defaults() {
        return new Lbfgs(10, 500, 1e-8);
    }

    private record Pair(Tensor s, Tensor y, double rho) {
    }

    @Override
    public SolverResult minimize(FiniteSumObjective objective, Tensor initial) {
        Tensor w = initial.detach();
        Deque<Pair> pairs = new ArrayDeque<>();
        Gradients.ValueAndGradient vg = Gradients.of(objective::loss, w);
        for (int it = 0; it < maxIterations; it++) {
            double gNorm = Gradients.norm(vg.gradient());
            if (gNorm < tolerance) {
                return new SolverResult(w, vg.value(), it, true);
            }
            Tensor direction = direction(vg.gradient(), pairs).neg();
            double first = pairs.isEmpty() ? Math.min(1, 1 / gNorm) : 1;
            LineSearch.Step s = LineSearch.backtrack(objective, w, vg.value(), vg.gradient(), direction, first);
            if (s.step() == 0) {
                return new SolverResult(w, vg.value(), it, gNorm < tolerance);
            }
            Gradients.ValueAndGradient next = Gradients.of(objective::loss, s.point());
            Tensor sv = s.point().sub(w);
            Tensor yv = next.gradient().sub(vg.gradient());
            double sy = Gradients.dot(sv, yv);
            if (sy > 1e-12 * Gradients.norm(sv) * Gradients.norm(yv)) {
                pairs.addLast(new Pair(sv, yv, 1 / sy));
                if (pairs.size() > history) {
                    pairs.removeFirst();
                }
            }
            w = s.point();
            vg = next;
        }
        return new SolverResult(w, vg.value(), maxIterations, Gradients.norm(vg.gradient()) < tolerance);
    }

    /** The two-loop recursion: an approximation of {@code H⁻¹ g}. */
    private static Tensor direction(Tensor g, Deque<Pair> pairs) {
        Tensor q = g;
        double[] alpha = new double[pairs.size()];
        int i = pairs.size();
        for (Iterator<Pair> it = pairs.descendingIterator(); it.hasNext();) {
            Pair p = it.next();
            alpha[--i] = p.rho() * Gradients.dot(p.s(), q);
            q = q.sub(p.y().mul(alpha[i]));
        }
        if (!pairs.isEmpty()) {
            Pair last = pairs.getLast();
            q = q.mul(1 / (last.rho() * Gradients.dot(last.y(), last.y())));
        }
        i = 0;
        for (Pair p : pairs) {
            double beta = p.rho() * Gradients.dot(p.y(), q);
            q = q.add(p.s().mul(alpha[i++] - beta));
        }
        return q;
    }
}
