package dev.nabla.ml.optim;

/**
 * A line search for the strong Wolfe conditions (Nocedal and Wright, Algorithms 3.5 and 3.6):
 * sufficient decrease {@code F(x + a·d) <= F(x) + c1·a·∇Fᵀd} and small slope
 * {@code |∇F(x + a·d)ᵀd| <= c2·|∇Fᵀd|}, with {@code c1 = 1e-4} and {@code c2 = 0.9} as in
 * MINPACK's search that SciPy's L-BFGS-B and scikit-learn's newton-cg use. The bracket phase grows
 * the step until it brackets an acceptable one; the zoom phase shrinks the bracket by safeguarded
 * cubic interpolation. Every trial costs one evaluation of the value and gradient.
 *
 * <p>Near an optimum, differences of F sink below its rounding noise long before the gradient
 * stops carrying information (the logistic losses subtract numbers far larger than their difference:
 * on raw digits F carries noise of 1e-11 relative in float64). There the search falls back on Hager
 * and Zhang's approximate Wolfe condition (SIAM J. Optim. 2005), with their noise bound
 * {@link #NOISE}{@code ·|F|}: a step whose value is within the noise of the start passes the decrease
 * test when its slope shows it did not overshoot ({@code ∇F(x + a·d)ᵀd <= (1 - 2c1)|∇Fᵀd|}), and values
 * within the noise of each other are ordered by their slopes. So solvers reach tight gradient
 * tolerances instead of stopping where F looks flat.
 */
final class WolfeLineSearch {

    private static final double C1 = 1e-4;
    private static final double C2 = 0.9;
    private static final int MAX_EVALUATIONS = 30;
    private static final double GROWTH = 4;
    /** Hager and Zhang's relative bound on F's noise, below which the approximate Wolfe condition applies. */
    static final double NOISE = 1e-6;

    private WolfeLineSearch() {
    }

    /**
     * The accepted point along {@code direction} from {@code start}, or null when no step meets the
     * conditions within the evaluation budget (the direction is not one of descent, or the gradient is
     * too noisy to tell where F decreases).
     *
     * @param firstStep the first trial step (1 for Newton and quasi-Newton directions)
     */
    static HostObjective.Point search(HostObjective f, HostObjective.Point start, double[] direction, double firstStep) {
        double slope0 = HostVectors.dot(start.gradient(), direction);
        if (!(slope0 < 0)) {
            return null;
        }
        Conditions c = new Conditions(start.value(), slope0, noise(f, start.value()));
        Trial previous = new Trial(0, start, slope0);
        double a = firstStep;
        for (int evals = 0; evals < MAX_EVALUATIONS; evals++) {
            Trial t = trial(f, start, direction, a);
            if (!c.decreases(t) || (evals > 0 && c.above(t, previous))) {
                return zoom(f, start, direction, c, previous, t, MAX_EVALUATIONS - evals - 1);
            }
            if (c.flat(t)) {
                return t.point;
            }
            if (t.slope >= 0) {
                return zoom(f, start, direction, c, t, previous, MAX_EVALUATIONS - evals - 1);
            }
            previous = t;
            a *= GROWTH;
        }
        return null;
    }

    /** The noise bound at a value {@code F}: {@link #NOISE}{@code ·|F|}, and at least the dtype's resolution. */
    static double noise(HostObjective f, double value) {
        return NOISE * Math.abs(value) + f.noise(value);
    }

    /** A step length with its point and directional derivative. */
    private record Trial(double step, HostObjective.Point point, double slope) {
    }

    /**
     * The acceptance tests along one search.
     *
     * @param value0 F at the start
     * @param slope0 the directional derivative at the start, negative
     * @param noise the rounding noise of F's value there
     */
    private record Conditions(double value0, double slope0, double noise) {

        /** Sufficient decrease, or the approximate condition where F's change is within its noise. */
        boolean decreases(Trial t) {
            double v = t.point.value();
            if (!Double.isFinite(v)) {
                return false;
            }
            return v <= value0 + C1 * t.step * slope0 || (v <= value0 + noise && t.slope <= -(1 - 2 * C1) * slope0);
        }

        /** Whether {@code t}'s value is above {@code other}'s by more than the noise. */
        boolean above(Trial t, Trial other) {
            return t.point.value() > other.point.value() + noise;
        }

        /** The strong Wolfe slope condition. */
        boolean flat(Trial t) {
            return Math.abs(t.slope) <= -C2 * slope0;
        }
    }

    private static Trial trial(HostObjective f, HostObjective.Point start, double[] direction, double a) {
        HostObjective.Point p = f.at(HostVectors.along(start.w(), a, direction));
        return new Trial(a, p, HostVectors.dot(p.gradient(), direction));
    }

    /**
     * Shrinks the bracket between {@code lo} (the best step so far, meeting the decrease test) and
     * {@code hi} until a step meets both conditions.
     */
    private static HostObjective.Point zoom(HostObjective f, HostObjective.Point start, double[] direction,
            Conditions c, Trial lo, Trial hi, int budget) {
        for (int evals = 0; evals < budget; evals++) {
            Trial t = trial(f, start, direction, interpolate(lo, hi));
            if (!c.decreases(t) || c.above(t, lo)) {
                hi = t;
            } else {
                if (c.flat(t)) {
                    return t.point;
                }
                if (t.slope * (hi.step - lo.step) >= 0) {
                    hi = lo;
                }
                lo = t;
            }
            if (Math.abs(hi.step - lo.step) <= 1e-12 * Math.max(lo.step, hi.step)) {
                break;
            }
        }
        // the bracket collapsed: the best point met the decrease test, which is progress worth keeping
        return lo.step > 0 ? lo.point : null;
    }

    /**
     * The minimiser of the cubic through both ends' values and slopes, kept at least a tenth of the
     * bracket away from either end; bisection when the cubic has no usable minimiser.
     */
    private static double interpolate(Trial lo, Trial hi) {
        double a0 = lo.step;
        double a1 = hi.step;
        double lower = Math.min(a0, a1);
        double upper = Math.max(a0, a1);
        double margin = 0.1 * (upper - lower);
        double d1 = lo.slope + hi.slope - 3 * (lo.point.value() - hi.point.value()) / (a0 - a1);
        double radicand = d1 * d1 - lo.slope * hi.slope;
        if (radicand >= 0 && Double.isFinite(hi.point.value())) {
            double d2 = Math.signum(a1 - a0) * Math.sqrt(radicand);
            double a = a1 - (a1 - a0) * (hi.slope + d2 - d1) / (hi.slope - lo.slope + 2 * d2);
            if (a >= lower + margin && a <= upper - margin) {
                return a;
            }
        }
        return (a0 + a1) / 2;
    }
}
