package dev.nabla.models.zoo;

import dev.nabla.Tensor;
import dev.nabla.models.train.Session;
import dev.nabla.nn.Module;
import dev.nabla.optim.GradClip;
import dev.nabla.optim.Optimizer;
import java.util.List;

/**
 * What every zoo session holds for the training loop: the module a checkpoint saves, its optimizers
 * in a fixed order and the number of steps in an epoch; and the one way a step minimises a loss.
 */
abstract class ZooSession implements Session {

    private final Module model;
    private final List<Optimizer> optimizers;
    private final int stepsPerEpoch;

    /**
     * @param model everything a checkpoint must hold
     * @param optimizers the optimizers, in a fixed order
     * @param stepsPerEpoch training steps in one epoch
     */
    ZooSession(Module model, List<Optimizer> optimizers, int stepsPerEpoch) {
        this.model = model;
        this.optimizers = List.copyOf(optimizers);
        this.stepsPerEpoch = stepsPerEpoch;
    }

    @Override
    public final Module model() {
        return model;
    }

    @Override
    public final List<Optimizer> optimizers() {
        return optimizers;
    }

    @Override
    public final int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    /** Optimizer {@code i} of {@link #optimizers()}. */
    final Optimizer optimizer(int i) {
        return optimizers.get(i);
    }

    /** One optimisation step of {@code optimizer} on {@code loss}; returns the loss's value. */
    static double minimise(Optimizer optimizer, Tensor loss) {
        optimizer.zeroGrad();
        loss.backward();
        optimizer.step();
        return loss.item();
    }

    /** As {@link #minimise(Optimizer, Tensor)}, clipping the gradients of {@code clipped} to norm {@code maxNorm} first. */
    static double minimise(Optimizer optimizer, Tensor loss, Module clipped, double maxNorm) {
        optimizer.zeroGrad();
        loss.backward();
        GradClip.clipGradNorm(clipped.parameters(), maxNorm);
        optimizer.step();
        return loss.item();
    }
}
