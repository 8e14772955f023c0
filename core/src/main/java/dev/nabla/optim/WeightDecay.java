package dev.nabla.optim;

import dev.nabla.Tensor;

/** The L2 penalty that PyTorch's optimizers (other than AdamW) fold into the gradient. */
final class WeightDecay {

    private WeightDecay() {
    }

    /** {@code grad + λ·param}, or {@code grad} itself when λ is 0. */
    static Tensor coupled(Tensor param, Tensor grad, ParamGroup group) {
        double wd = group.get(Optimizer.WEIGHT_DECAY);
        return wd == 0 ? grad : grad.add(param.mul(wd));
    }
}
