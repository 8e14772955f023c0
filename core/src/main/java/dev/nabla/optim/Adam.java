package dev.nabla.optim;

import dev.nabla.Tensor;
import dev.nabla.backend.fast.AdamKernel;
import dev.nabla.nn.Parameter;
import java.util.List;
import java.util.Optional;

/**
 * Adam (PyTorch's rule): {@code g += λp; m = β₁m + (1−β₁)g; v = β₂v + (1−β₂)g²}; with AMSGrad
 * {@code v̂ = max(v̂, v)} else {@code v̂ = v}; {@code p -= lr/(1−β₁ᵗ) · m / (√v̂/√(1−β₂ᵗ) + ε)}.
 *
 * <p>On a backend with an {@link AdamKernel} (CPU, CUDA) the update of a contiguous parameter is one
 * fused pass; AMSGrad and other layouts take the composed path, which computes the same formula.
 */
public class Adam extends Optimizer {

    /** First-moment decay β₁. */
    public static final String BETA1 = "beta1";
    /** Second-moment decay β₂. */
    public static final String BETA2 = "beta2";
    /** Term added to the denominator. */
    public static final String EPS = "eps";
    /** 1 to use the running maximum of the second moment (AMSGrad). */
    public static final String AMSGRAD = "amsgrad";

    /** Adam's hyper-parameters; defaults: betas (0.9, 0.999), ε 1e-8, no AMSGrad. */
    public static final class Options extends OptimizerOptions<Options> {
        Options(double lr, double weightDecay) {
            super(lr, weightDecay);
            put(BETA1, 0.9).put(BETA2, 0.999).put(EPS, 1e-8).put(AMSGRAD, 0);
        }

        /** Sets β₁ and β₂. */
        public Options betas(double beta1, double beta2) {
            return put(BETA1, beta1).put(BETA2, beta2);
        }

        /** Sets ε. */
        public Options eps(double value) {
            return put(EPS, value);
        }

        /** Selects AMSGrad. */
        public Options amsgrad(boolean value) {
            return put(AMSGRAD, value ? 1 : 0);
        }
    }

    /** Options with learning rate {@code lr} (PyTorch's default is 1e-3), no weight decay, and the other defaults. */
    public static Options options(double lr) {
        return new Options(lr, 0);
    }

    /** Adam over one group. */
    public Adam(List<Parameter> params, Options options) {
        this(options, ParamGroup.of(params));
    }

    /** Adam over parameter groups. */
    public Adam(Options defaults, ParamGroup... groups) {
        super(List.of(groups), defaults.asMap());
        for (ParamGroup g : paramGroups()) {
            if (!(g.lr() >= 0) || !(g.get(BETA1) >= 0 && g.get(BETA1) < 1) || !(g.get(BETA2) >= 0 && g.get(BETA2) < 1)
                    || !(g.get(EPS) >= 0) || g.get(WEIGHT_DECAY) < 0) {
                throw new IllegalArgumentException(getClass().getSimpleName() + ": need lr, eps, weight_decay >= 0 and betas "
                        + "in [0, 1); got " + g.hyperParameters());
            }
        }
    }

    /** The gradient the moments see: with the L2 penalty folded in (Adam) or not (AdamW). */
    protected Tensor decayedGradient(Tensor param, Tensor grad, ParamGroup group) {
        return WeightDecay.coupled(param, grad, group);
    }

    /** The backend's {@link AdamKernel} when it can update these operands: contiguous, one floating dtype. */
    private static Optional<AdamKernel> fusedKernel(Tensor param, Tensor g, Tensor m, Tensor v) {
        if (!param.dtype().isFloating()) {
            return Optional.empty();
        }
        for (Tensor t : new Tensor[] {param, g, m, v}) {
            if (!t.isContiguous() || t.dtype() != param.dtype() || !t.shape().equals(param.shape())) {
                return Optional.empty();
            }
        }
        return param.backend().fastPath(AdamKernel.class);
    }

    @Override
    protected void update(Tensor param, Tensor grad, ParamState state, ParamGroup group) {
        Tensor g = decayedGradient(param, grad, group);
        double b1 = group.get(BETA1);
        double b2 = group.get(BETA2);
        Tensor m = state.getOrInit("exp_avg", () -> Tensor.zerosLike(param));
        Tensor v = state.getOrInit("exp_avg_sq", () -> Tensor.zerosLike(param));
        Optional<AdamKernel> kernel = group.flag(AMSGRAD) ? Optional.empty() : fusedKernel(param, g, m, v);
        if (kernel.isPresent()) {
            double t = state.step();
            kernel.get().adamStep(param.strided(), m.strided(), v.strided(), g.strided(), group.lr(), b1, b2, group.get(EPS),
                    1 - Math.pow(b1, t), 1 - Math.pow(b2, t));
            for (Tensor written : new Tensor[] {param, m, v}) {
                written.strided().storage().bumpVersion();
            }
            return;
        }
        m.mulInPlace(b1).addInPlace(g.mul(1 - b1));
        v.mulInPlace(b2).addInPlace(g.mul(g).mul(1 - b2));
        Tensor second = v;
        if (group.flag(AMSGRAD)) {
            Tensor max = state.getOrInit("max_exp_avg_sq", () -> Tensor.zerosLike(param));
            second = max.copyFrom(max.maximum(v));
        }
        double t = state.step();
        double bias1 = 1 - Math.pow(b1, t);
        double bias2 = 1 - Math.pow(b2, t);
        Tensor denom = second.sqrt().div(Math.sqrt(bias2)).add(group.get(EPS));
        param.subInPlace(m.div(denom).mul(group.lr() / bias1));
    }
}
