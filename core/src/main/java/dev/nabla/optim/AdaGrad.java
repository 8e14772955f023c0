package dev.nabla.optim;

import dev.nabla.Tensor;
import dev.nabla.nn.Parameter;
import java.util.List;

/**
 * AdaGrad (PyTorch's rule): {@code g += λp; clr = lr / (1 + (t−1)·lr_decay); s += g²;
 * p -= clr · g / (√s + ε)}.
 */
public class AdaGrad extends Optimizer {

    /** Learning-rate decay per step. */
    public static final String LR_DECAY = "lr_decay";
    /** Starting value of the squared-gradient sum. */
    public static final String INITIAL_ACCUMULATOR = "initial_accumulator_value";
    /** Term added to the denominator. */
    public static final String EPS = "eps";

    /** AdaGrad's hyper-parameters; defaults: lr_decay 0, initial accumulator 0, ε 1e-10, weight decay 0. */
    public static final class Options extends OptimizerOptions<Options> {
        private Options(double lr) {
            super(lr, 0);
            put(LR_DECAY, 0).put(INITIAL_ACCUMULATOR, 0).put(EPS, 1e-10);
        }

        /** Sets the learning-rate decay. */
        public Options lrDecay(double value) {
            return put(LR_DECAY, value);
        }

        /** Sets the starting value of the squared-gradient sum. */
        public Options initialAccumulator(double value) {
            return put(INITIAL_ACCUMULATOR, value);
        }

        /** Sets ε. */
        public Options eps(double value) {
            return put(EPS, value);
        }
    }

    /** Options with learning rate {@code lr} (PyTorch's default is 0.01) and the other defaults. */
    public static Options options(double lr) {
        return new Options(lr);
    }

    /** AdaGrad over one group. */
    public AdaGrad(List<Parameter> params, Options options) {
        this(options, ParamGroup.of(params));
    }

    /** AdaGrad over parameter groups. */
    public AdaGrad(Options defaults, ParamGroup... groups) {
        super(List.of(groups), defaults.asMap());
        for (ParamGroup g : paramGroups()) {
            if (!(g.lr() >= 0) || g.get(LR_DECAY) < 0 || g.get(INITIAL_ACCUMULATOR) < 0 || !(g.get(EPS) >= 0)
                    || g.get(WEIGHT_DECAY) < 0) {
                throw new IllegalArgumentException("AdaGrad: hyper-parameters must be >= 0, got " + g.hyperParameters());
            }
        }
    }

    @Override
    protected void update(Tensor param, Tensor grad, ParamState state, ParamGroup group) {
        Tensor g = WeightDecay.coupled(param, grad, group);
        Tensor sum = state.getOrInit("sum", () -> Tensor.zerosLike(param).fillInPlace(group.get(INITIAL_ACCUMULATOR)));
        double clr = group.lr() / (1 + (state.step() - 1) * group.get(LR_DECAY));
        sum.addInPlace(g.mul(g));
        param.subInPlace(g.div(sum.sqrt().add(group.get(EPS))).mul(clr));
    }
}
