package dev.nabla.ml.linear;

import dev.nabla.Generator;

/**
 * The L1-regularised squared-hinge SVM, {@code min |w|₁ + C Σ max(0, 1 - y_i wᵀx_i)²}, by primal
 * coordinate descent with one-dimensional Newton steps (Yuan, Chang, Hsieh and Lin, JMLR 2010: the
 * CDN method, liblinear's solver 5). Each coordinate takes the Newton step of its loss's quadratic
 * model soft-thresholded for the L1 term, then halves it until a sufficient-decrease condition holds;
 * the margins {@code b_i = 1 - y_i wᵀx_i} are kept current, so a step costs passes over one column.
 * Features whose weight sits at 0 with a gradient well inside {@code [-1, 1]} are shrunk out of the
 * sweeps. Stops when the summed violation of the optimality conditions falls below
 * {@code tolerance · min(positives, negatives) / n} of its first value, liblinear's rule.
 */
final class L1CoordinateDescent {

    private static final double SUFFICIENT_DECREASE = 0.01;
    private static final int MAX_HALVINGS = 20;

    private L1CoordinateDescent() {
    }

    static SvmProblem.Solution solve(SvmProblem p, double tolerance, int maxIterations, long seed) {
        int n = p.rows();
        int width = p.width();
        double c = p.c();
        // columns of y_i·x_ij, the bias column last: coordinate steps read one column at a time
        double[] cols = new double[width * n];
        double[] colSq = new double[width];
        int positives = 0;
        for (int i = 0; i < n; i++) {
            positives += p.y()[i] > 0 ? 1 : 0;
            for (int j = 0; j < width; j++) {
                double v = p.y()[i] * (j < p.d() ? p.x()[i * p.d() + j] : p.bias());
                cols[j * n + i] = v;
                colSq[j] += c * v * v;
            }
        }
        double stopRatio = tolerance * Math.max(Math.min(positives, n - positives), 1) / n;
        double[] w = new double[width];
        double[] b = new double[n];
        java.util.Arrays.fill(b, 1);
        int[] order = SvmProblem.identity(width);
        int active = width;
        double violationMaxOld = Double.POSITIVE_INFINITY;
        double violationSumFirst = 0;
        Generator gen = new Generator(seed);
        for (int iteration = 1; iteration <= maxIterations; iteration++) {
            double violationMax = 0;
            double violationSum = 0;
            SvmProblem.shuffle(order, active, gen);
            for (int s = 0; s < active; s++) {
                int j = order[s];
                int at = j * n;
                double gradient = 0;
                double hessian = 0;
                for (int i = 0; i < n; i++) {
                    if (b[i] > 0) {
                        double v = cols[at + i];
                        gradient -= c * v * b[i];
                        hessian += c * v * v;
                    }
                }
                gradient *= 2;
                hessian = Math.max(2 * hessian, 1e-12);
                double plus = gradient + 1;
                double minus = gradient - 1;
                double violation;
                if (w[j] == 0) {
                    if (plus < 0) {
                        violation = -plus;
                    } else if (minus > 0) {
                        violation = minus;
                    } else {
                        violation = 0;
                        if (plus > violationMaxOld / n && minus < -violationMaxOld / n) {
                            active--;
                            order[s] = order[active];
                            order[active] = j;
                            s--;
                            continue;
                        }
                    }
                } else {
                    violation = Math.abs(w[j] > 0 ? plus : minus);
                }
                violationMax = Math.max(violationMax, violation);
                violationSum += violation;
                double step = plus < hessian * w[j] ? -plus / hessian : minus > hessian * w[j] ? -minus / hessian : -w[j];
                if (Math.abs(step) >= 1e-12) {
                    w[j] += lineSearch(cols, at, b, c, colSq[j], w[j], gradient, step);
                }
            }
            if (iteration == 1) {
                violationSumFirst = violationSum;
            }
            if (violationSum <= stopRatio * violationSumFirst) {
                if (active == width) {
                    return new SvmProblem.Solution(w, iteration, true);
                }
                active = width;
                violationMaxOld = Double.POSITIVE_INFINITY;
                continue;
            }
            violationMaxOld = violationMax;
        }
        return new SvmProblem.Solution(w, maxIterations, false);
    }

    /**
     * The accepted step for coordinate {@code j} (column at {@code at}): halves {@code step} until
     * {@code |w+d| - |w| + L(w+d) - L(w) <= σ·(|w+d| - |w| + gradient·d)}; the cheap upper bound
     * {@code colSq·d² + gradient·d} on the loss change is tried first. Updates the margins {@code b}.
     */
    private static double lineSearch(double[] cols, int at, double[] b, double c, double colSq, double wj,
            double gradient, double step) {
        double delta = Math.abs(wj + step) - Math.abs(wj) + gradient * step;
        double applied = 0;
        double lossOld = Double.NaN;
        for (int halvings = 0; halvings < MAX_HALVINGS; halvings++) {
            double condition = Math.abs(wj + step) - Math.abs(wj) - SUFFICIENT_DECREASE * delta;
            if (colSq * step * step + gradient * step + condition <= 0) {
                shiftMargins(cols, at, b, applied - step);
                return step;
            }
            if (halvings == 0) {
                lossOld = loss(b, c);
            }
            shiftMargins(cols, at, b, applied - step);
            applied = step;
            if (condition + loss(b, c) - lossOld <= 0) {
                return step;
            }
            step /= 2;
            delta /= 2;
        }
        // no sufficient decrease: undo the last trial and keep the weight
        shiftMargins(cols, at, b, applied);
        return 0;
    }

    /** {@code C Σ max(0, b_i)²}. */
    private static double loss(double[] b, double c) {
        double sum = 0;
        for (double v : b) {
            sum += v > 0 ? v * v : 0;
        }
        return c * sum;
    }

    /** {@code b_i += shift·y_i x_ij}: the margins after the weight moved by {@code -shift}. */
    private static void shiftMargins(double[] cols, int at, double[] b, double shift) {
        for (int i = 0; i < b.length; i++) {
            b[i] += shift * cols[at + i];
        }
    }
}
