package dev.nabla.autograd;

import dev.nabla.DType;
import dev.nabla.Tensor;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Compares autograd gradients with central finite differences, in float64.
 *
 * <p>The function maps the inputs to one output tensor; the check differentiates
 * {@code sum(output * w)} for a fixed random weight {@code w}, so every output element is
 * covered and symmetric mistakes do not cancel.
 */
public final class GradCheck {

    /** The outcome of a check: the largest error found and where. */
    public record Result(boolean passed, double maxAbsError, String worst) {
    }

    private GradCheck() {
    }

    /** {@link #check(Function, Tensor[], double, double, double)} with eps 1e-6, atol 1e-5, rtol 1e-3. */
    public static Result check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        return check(f, inputs, 1e-6, 1e-5, 1e-3);
    }

    /**
     * Checks the first derivatives of {@code f} at {@code inputs} (FLOAT64 leaves; those with
     * {@code requiresGrad} are checked).
     *
     * @param eps the finite-difference step
     * @param atol absolute tolerance
     * @param rtol relative tolerance, against the numerical value
     */
    public static Result check(Function<Tensor[], Tensor> f, Tensor[] inputs, double eps, double atol, double rtol) {
        for (Tensor t : inputs) {
            if (t.dtype() != DType.FLOAT64) {
                throw new IllegalArgumentException("gradcheck: inputs must be float64, got " + t.dtype().id()
                        + " of shape " + t.shape());
            }
        }
        Tensor probe = f.apply(inputs);
        Tensor weight = Tensor.uniform(new dev.nabla.Generator(1234), 0.5, 1.5, DType.FLOAT64, probe.device(),
                probe.shape().toArray());
        Function<Tensor[], Tensor> scalar = in -> f.apply(in).mul(weight).sum();

        Tensor[] analytic = analytic(scalar, inputs);
        double worstError = 0;
        String worst = "none";
        boolean passed = true;
        for (int i = 0; i < inputs.length; i++) {
            if (!inputs[i].requiresGrad()) {
                continue;
            }
            double[] numeric = numeric(scalar, inputs, i, eps);
            double[] exact = analytic[i].toDoubleArray();
            for (int j = 0; j < numeric.length; j++) {
                double err = Math.abs(exact[j] - numeric[j]);
                if (err > atol + rtol * Math.abs(numeric[j])) {
                    passed = false;
                }
                if (err > worstError) {
                    worstError = err;
                    worst = "input " + i + " element " + j + ": autograd " + exact[j] + " vs numeric " + numeric[j];
                }
            }
        }
        return new Result(passed, worstError, worst);
    }

    private static Tensor[] analytic(Function<Tensor[], Tensor> scalar, Tensor[] inputs) {
        Tensor[] wanted = Arrays.stream(inputs).filter(Tensor::requiresGrad).toArray(Tensor[]::new);
        Tensor[] grads = Autograd.grad(new Tensor[] {scalar.apply(inputs)}, null, wanted, false, false);
        Tensor[] byInput = new Tensor[inputs.length];
        for (int i = 0, k = 0; i < inputs.length; i++) {
            if (inputs[i].requiresGrad()) {
                byInput[i] = grads[k++];
            }
        }
        return byInput;
    }

    private static double[] numeric(Function<Tensor[], Tensor> scalar, Tensor[] inputs, int which, double eps) {
        double[] base = inputs[which].toDoubleArray();
        int[] shape = inputs[which].shape().toArray();
        double[] out = new double[base.length];
        try (GradMode ignored = GradMode.set(false)) {
            for (int j = 0; j < base.length; j++) {
                double[] plus = base.clone();
                double[] minus = base.clone();
                plus[j] += eps;
                minus[j] -= eps;
                double fp = scalar.apply(replaced(inputs, which, plus, shape)).item();
                double fm = scalar.apply(replaced(inputs, which, minus, shape)).item();
                out[j] = (fp - fm) / (2 * eps);
            }
        }
        return out;
    }

    private static Tensor[] replaced(Tensor[] inputs, int which, double[] values, int[] shape) {
        Tensor[] copy = inputs.clone();
        copy[which] = Tensor.of(values, shape).to(inputs[which].device());
        return copy;
    }

    /**
     * Checks second derivatives: the gradient of {@code sum(grad_x f · v)} computed with
     * {@code createGraph} against finite differences of the first gradient.
     */
    public static Result checkSecondOrder(Function<Tensor[], Tensor> f, Tensor... inputs) {
        Function<Tensor[], Tensor> firstGradDot = in -> {
            Tensor[] wanted = Arrays.stream(in).filter(Tensor::requiresGrad).toArray(Tensor[]::new);
            Tensor out = f.apply(in).sum();
            Tensor[] g = Autograd.grad(new Tensor[] {out}, null, wanted, true, true);
            Tensor total = null;
            for (Tensor gi : g) {
                Tensor term = gi.mul(gi).sum();
                total = total == null ? term : total.add(term);
            }
            return total;
        };
        return checkWithGrad(firstGradDot, inputs);
    }

    private static Result checkWithGrad(Function<Tensor[], Tensor> f, Tensor[] inputs) {
        // the numeric side must see gradients too, so recording stays on for it
        Tensor[] wanted = Arrays.stream(inputs).filter(Tensor::requiresGrad).toArray(Tensor[]::new);
        Tensor[] analytic = Autograd.grad(new Tensor[] {f.apply(inputs)}, null, wanted, false, false);
        double worstError = 0;
        String worst = "none";
        boolean passed = true;
        double eps = 1e-5;
        for (int i = 0, k = 0; i < inputs.length; i++) {
            if (!inputs[i].requiresGrad()) {
                continue;
            }
            double[] base = inputs[i].toDoubleArray();
            double[] exact = analytic[k++].toDoubleArray();
            for (int j = 0; j < base.length; j++) {
                double numeric = (evalAt(f, inputs, i, base, j, eps) - evalAt(f, inputs, i, base, j, -eps)) / (2 * eps);
                double err = Math.abs(exact[j] - numeric);
                if (err > 1e-4 + 1e-3 * Math.abs(numeric)) {
                    passed = false;
                }
                if (err > worstError) {
                    worstError = err;
                    worst = "input " + i + " element " + j + ": autograd " + exact[j] + " vs numeric " + numeric;
                }
            }
        }
        return new Result(passed, worstError, worst);
    }

    private static double evalAt(Function<Tensor[], Tensor> f, Tensor[] inputs, int which, double[] base, int j,
            double delta) {
        double[] v = base.clone();
        v[j] += delta;
        Tensor[] copy = inputs.clone();
        copy[which] = Tensor.of(v, inputs[which].shape().toArray()).to(inputs[which].device()).requiresGrad(true);
        return f.apply(copy).item();
    }
}
