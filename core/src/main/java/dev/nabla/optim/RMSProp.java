package dev.nabla.optim;

import dev.nabla.Tensor;
import dev.nabla.nn.Parameter;
import java.util.List;

/**
 * RMSProp (PyTorch's rule): {@code g += λp; v = αv + (1−α)g²}; centered: {@code m = αm + (1−α)g},
 * {@code d = √(v − m²) + ε}, else {@code d = √v + ε}; with momentum μ: {@code b = μb + g/d; p -= lr·b},
 * else {@code p -= lr·g/d}.
 */
public class RMSProp extends Optimizer {

    /** Smoothing constant α. */
    public static final String ALPHA = "alpha";
    /** Term added to the denominator. */
    public static final String EPS = "eps";
    /** Momentum coefficient μ. */
    public static final String MOMENTUM = "momentum";
    /** 1 to normalise by the variance estimate rather than the raw second moment. */
    public static final String CENTERED = "centered";

    /** RMSProp's hyper-parameters; defaults: α 0.99, ε 1e-8, momentum 0, not centered, weight decay 0. */
    public static final class Options extends OptimizerOptions<Options> {
        private Options(double lr) {
            super(lr, 0);
            put(ALPHA, 0.99).put(EPS, 1e-8).put(MOMENTUM, 0).put(CENTERED, 0);
        }

        /** Sets α. */
        public Options alpha(double value) {
            return put(ALPHA, value);
        }

        /** Sets ε. */
        public Options eps(double value) {
            return put(EPS, value);
        }

        /** Sets the momentum μ. */
        public Options momentum(double value) {
            return put(MOMENTUM, value);
        }

        /** Selects centered RMSProp. */
        public Options centered(boolean value) {
            return put(CENTERED, value ? 1 : 0);
        }
    }

    /** Options with learning rate {@code lr} (PyTorch's default is 0.01) and the other defaults. */
    public static Options options(double lr) {
        return new Options(lr);
    }

    /** RMSProp over one group. */
    public RMSProp(List<Parameter> params, Options options) {
        this(options, ParamGroup.of(params));
    }

    /** RMSProp over parameter groups. */
    public RMSProp(Options defaults, ParamGroup... groups) {
        super(List.of(groups), defaults.asMap());
        for (ParamGroup g : paramGroups()) {
            if (!(g.lr() >= 0) || !(g.get(ALPHA) >= 0 && g.get(ALPHA) <= 1) || !(g.get(EPS) >= 0) || g.get(MOMENTUM) < 0
                    || g.get(WEIGHT_DECAY) < 0) {
                throw new IllegalArgumentException("RMSProp: need lr, eps, momentum, weight_decay >= 0 and alpha in [0, 1]; "
                        + "got " + g.hyperParameters());
            }
        }
    }

    @Override
    protected void update(Tensor param, Tensor grad, ParamState state, ParamGroup group) {
        Tensor g = WeightDecay.coupled(param, grad, group);
        double alpha = group.get(ALPHA);
        Tensor sq = state.getOrInit("square_avg", () -> Tensor.zerosLike(param));
        sq.mulInPlace(alpha).addInPlace(g.mul(g).mul(1 - alpha));
        Tensor variance = sq;
        if (group.flag(CENTERED)) {
            Tensor mean = state.getOrInit("grad_avg", () -> Tensor.zerosLike(param));
            mean.mulInPlace(alpha).addInPlace(g.mul(1 - alpha));
            variance = sq.sub(mean.mul(mean));
        }
        Tensor direction = g.div(variance.sqrt().add(group.get(EPS)));
        double mu = group.get(MOMENTUM);
        if (mu > 0) {
            Tensor buf = state.getOrInit("momentum_buffer", () -> Tensor.zerosLike(param));
            direction = buf.mulInPlace(mu).addInPlace(direction);
        }
        param.subInPlace(direction.mul(group.lr()));
    }
}
