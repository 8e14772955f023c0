package dev.nabla.ml.optim;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Tensor;
import dev.nabla.ml.Precision;
import java.util.function.UnaryOperator;

/**
 * A {@link FiniteSumObjective} seen from the host: the deterministic solvers keep their small
 * parameter vectors, histories and conjugate-gradient state in {@code double[]}, and only the
 * objective's evaluations (its large products over the data) run as Tensor ops. Stopping rules
 * read the summed objective {@code n·F}, as scikit-learn's tolerances do.
 */
final class HostObjective {

    private final FiniteSumObjective objective;
    private final DType dtype;
    private final Device device;

    /** The objective, evaluated in the dtype and on the device of {@code like}. */
    HostObjective(FiniteSumObjective objective, Tensor like) {
        this.objective = objective;
        this.dtype = like.dtype();
        this.device = like.device();
    }

    /**
     * A point with its objective value and gradient.
     *
     * @param w the parameters
     * @param value {@code F(w)}
     * @param gradient {@code ∇F(w)}
     */
    record Point(double[] w, double value, double[] gradient) {
    }

    /** Evaluates F and its gradient at {@code w}. */
    Point at(double[] w) {
        Gradients.ValueAndGradient vg = objective.valueAndGradient(tensor(w));
        return new Point(w, vg.value(), vg.gradient().toDoubleArray());
    }

    /** The Hessian of F at {@code p} as a host operator {@code v ↦ ∇²F·v}. */
    UnaryOperator<double[]> hessian(Point p) {
        UnaryOperator<Tensor> h = objective.hessian(tensor(p.w()));
        return v -> h.apply(tensor(v)).toDoubleArray();
    }

    /** {@code n}, the factor between F and the summed objective the tolerances apply to. */
    double terms() {
        return objective.size();
    }

    /** The largest entry of the summed objective's gradient, {@code n·max|∇F|}: scikit-learn's {@code pgtol} measure. */
    double gradientMeasure(Point p) {
        return terms() * HostVectors.maxAbs(p.gradient());
    }

    /**
     * Watches a solver's steps for the dtype's floor: {@link #PATIENCE} steps in a row whose summed
     * objective changed (either way) by no more than its rounding noise relative to
     * {@code max(|n·F|, 1)} (SciPy's {@code ftol} test, with a dtype-dependent threshold) while the
     * gradient did not even halve from where the streak began. One such step proves little (an
     * ill-conditioned valley can take a tiny step and then a large one, and Newton's last steps shrink
     * the gradient by orders of magnitude while F no longer moves visibly); a streak means no progress is
     * left to make at this precision.
     */
    final class Stalls {
        static final int PATIENCE = 5;
        private int streak;
        private double gradientAtStart;

        /** Records the step from {@code before} to {@code after}; true once the streak reaches the patience. */
        boolean stalled(Point before, Point after) {
            boolean flat = Math.abs(before.value() - after.value()) <= noise(Math.max(Math.abs(before.value()),
                    Math.abs(after.value())));
            if (streak == 0) {
                gradientAtStart = gradientMeasure(before);
            }
            streak = flat && gradientMeasure(after) > 0.5 * gradientAtStart ? streak + 1 : 0;
            return streak >= PATIENCE;
        }
    }

    /** The rounding noise of a value {@code F}: the dtype's resolution relative to {@code max(|n·F|, 1)}, over n. */
    double noise(double value) {
        return Precision.relativeResolution(dtype) * Math.max(Math.abs(value) * terms(), 1) / terms();
    }

    /** A tensor of the objective's dtype and device holding {@code w}. */
    Tensor tensor(double[] w) {
        return Tensor.of(w, w.length).to(device).to(dtype);
    }
}
