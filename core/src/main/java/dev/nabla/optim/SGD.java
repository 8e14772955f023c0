package dev.nabla.optim;

import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;
import dev.nabla.nn.Parameter;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Stochastic gradient descent with optional (heavy-ball) momentum: {@code v = μv + g; p -= lr·v}. */
public class SGD extends Optimizer {

    private final double lr;
    private final double momentum;
    private final Map<Parameter, Tensor> velocity = new IdentityHashMap<>();

    /** Plain SGD. */
    public SGD(List<Parameter> params, double lr) {
        this(params, lr, 0);
    }

    /** SGD with momentum {@code μ} in {@code [0, 1)}. */
    public SGD(List<Parameter> params, double lr, double momentum) {
        super(params);
        if (!(lr > 0) || !(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("SGD: need lr > 0 and 0 <= momentum < 1, got lr=" + lr + " momentum=" + momentum);
        }
        this.lr = lr;
        this.momentum = momentum;
    }

    @Override
    public void step() {
        try (GradMode ignored = Autograd.noGradScope()) {
            for (Parameter p : params()) {
                Tensor g = p.grad();
                if (g == null) {
                    continue;
                }
                Tensor update = g;
                if (momentum > 0) {
                    Tensor v = velocity.get(p);
                    update = v == null ? g.copy() : v.mulInPlace(momentum).addInPlace(g);
                    velocity.put(p, update);
                }
                p.get().subInPlace(update.mul(lr));
            }
        }
    }
}
