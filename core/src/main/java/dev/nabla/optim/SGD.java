package dev.nabla.optim;

import dev.nabla.Tensor;
import dev.nabla.nn.Parameter;
import java.util.List;

/**
 * Stochastic gradient descent with PyTorch's update rule: {@code d = g + λp}; with momentum μ,
 * {@code b = d} on the first step and {@code b = μb + (1−τ)d} after (τ = dampening); then
 * {@code d = d + μb} (Nesterov) or {@code d = b} (heavy ball); finally {@code p -= lr·d}.
 */
public class SGD extends Optimizer {

    /** Momentum coefficient μ. */
    public static final String MOMENTUM = "momentum";
    /** Dampening τ of the gradient added to the momentum buffer. */
    public static final String DAMPENING = "dampening";
    /** 1 for Nesterov momentum, 0 for heavy ball. */
    public static final String NESTEROV = "nesterov";

    /** SGD's hyper-parameters; defaults: momentum 0, dampening 0, weight decay 0, heavy ball. */
    public static final class Options extends OptimizerOptions<Options> {
        private Options(double lr) {
            super(lr, 0);
            put(MOMENTUM, 0).put(DAMPENING, 0).put(NESTEROV, 0);
        }

        /** Sets the momentum μ (0 disables it). */
        public Options momentum(double momentum) {
            return put(MOMENTUM, momentum);
        }

        /** Sets the dampening τ. */
        public Options dampening(double dampening) {
            return put(DAMPENING, dampening);
        }

        /** Selects Nesterov momentum (needs momentum > 0 and no dampening). */
        public Options nesterov(boolean nesterov) {
            return put(NESTEROV, nesterov ? 1 : 0);
        }
    }

    /** Options with learning rate {@code lr} and PyTorch's other defaults. */
    public static Options options(double lr) {
        return new Options(lr);
    }

    /** Plain SGD. */
    public SGD(List<Parameter> params, double lr) {
        this(params, options(lr));
    }

    /** SGD with heavy-ball momentum {@code μ} in {@code [0, 1)}. */
    public SGD(List<Parameter> params, double lr, double momentum) {
        this(params, options(lr).momentum(momentum));
    }

    /** SGD over one group with {@code options}. */
    public SGD(List<Parameter> params, Options options) {
        this(options, ParamGroup.of(params));
    }

    /** SGD over parameter groups; {@code defaults} fill what a group does not set. */
    public SGD(Options defaults, ParamGroup... groups) {
        super(List.of(groups), defaults.asMap());
        for (ParamGroup g : paramGroups()) {
            double mu = g.get(MOMENTUM);
            if (!(g.lr() >= 0) || !(mu >= 0 && mu < 1) || g.get(WEIGHT_DECAY) < 0
                    || (g.flag(NESTEROV) && (mu == 0 || g.get(DAMPENING) != 0))) {
                throw new IllegalArgumentException("SGD: need lr >= 0, 0 <= momentum < 1, weight_decay >= 0, and Nesterov "
                        + "only with momentum > 0 and zero dampening; got " + g.hyperParameters());
            }
        }
    }

    @Override
    protected void update(Tensor param, Tensor grad, ParamState state, ParamGroup group) {
        Tensor d = WeightDecay.coupled(param, grad, group);
        double mu = group.get(MOMENTUM);
        if (mu != 0) {
            Tensor buf = state.get("momentum_buffer");
            if (buf == null) {
                buf = d.copy();
                state.put("momentum_buffer", buf);
            } else {
                double damp = group.get(DAMPENING);
                buf.mulInPlace(mu).addInPlace(damp == 0 ? d : d.mul(1 - damp));
            }
            d = group.flag(NESTEROV) ? d.add(buf.mul(mu)) : buf;
        }
        param.subInPlace(d.mul(group.lr()));
    }
}
