package dev.nabla.ml.optim;

import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** Value and gradient of a scalar Tensor function by reverse-mode autograd. */
public final class Gradients {

    private Gradients() {
    }

    /**
     * The value of a scalar function at a point and its gradient there.
     *
     * @param value f(w)
     * @param gradient ∇f(w), detached, shaped like w
     */
    public record ValueAndGradient(double value, Tensor gradient) {
    }

    /** Evaluates {@code f} at {@code w} and differentiates it (grad mode is switched on for the call). */
    public static ValueAndGradient of(Function<Tensor, Tensor> f, Tensor w) {
        Tensor leaf = w.detach().requiresGrad(true);
        try (var ignored = Autograd.enableGrad()) {
            Tensor v = f.apply(leaf);
            return new ValueAndGradient(v.item(), Autograd.grad(v, leaf)[0].detach());
        }
    }

    /**
     * The Hessian-vector product of {@code f} at {@code w}: the gradient is recorded once with
     * {@code createGraph}, then each call differentiates {@code gᵀv} once more.
     */
    public static UnaryOperator<Tensor> hessianProduct(Function<Tensor, Tensor> f, Tensor w) {
        Tensor leaf = w.detach().requiresGrad(true);
        Tensor g;
        try (var ignored = Autograd.enableGrad()) {
            g = Autograd.grad(new Tensor[] {f.apply(leaf)}, null, new Tensor[] {leaf}, true, true)[0];
        }
        return v -> {
            try (var ignored = Autograd.enableGrad()) {
                return Autograd.grad(new Tensor[] {g}, new Tensor[] {v}, new Tensor[] {leaf}, true, false)[0].detach();
            }
        };
    }

    /** The Euclidean norm of a vector. */
    static double norm(Tensor v) {
        return Math.sqrt(dot(v, v));
    }

    /** The dot product of two vectors. */
    static double dot(Tensor a, Tensor b) {
        return a.mul(b).sum().item();
    }

    /** The full gradient norm of {@code objective} at {@code w}, the convergence measure of every solver. */
    static double gradientNorm(FiniteSumObjective objective, Tensor w) {
        return norm(objective.valueAndGradient(w).gradient());
    }

    /** The full objective at {@code w}, without recording a graph. */
    static double loss(FiniteSumObjective objective, Tensor w) {
        try (var ignored = Autograd.noGradScope()) {
            return objective.loss(w).item();
        }
    }
}
