package dev.nabla.optim;

import dev.nabla.Tensor;
import dev.nabla.nn.Parameter;
import java.util.List;

/**
 * AdamW: Adam with decoupled weight decay (Loshchilov &amp; Hutter). The parameter shrinks by
 * {@code p *= 1 − lr·λ} before the Adam step, and the moments see the raw gradient.
 */
public class AdamW extends Adam {

    /** Options with learning rate {@code lr} and PyTorch's AdamW defaults (weight decay 0.01). */
    public static Options options(double lr) {
        return new Options(lr, 0.01);
    }

    /** AdamW over one group. */
    public AdamW(List<Parameter> params, Options options) {
        this(options, ParamGroup.of(params));
    }

    /** AdamW over parameter groups. */
    public AdamW(Options defaults, ParamGroup... groups) {
        super(defaults, groups);
    }

    @Override
    protected Tensor decayedGradient(Tensor param, Tensor grad, ParamGroup group) {
        double wd = group.get(WEIGHT_DECAY);
        if (wd != 0) {
            param.mulInPlace(1 - group.lr() * wd);
        }
        return grad;
    }
}
