package dev.nabla.models.zoo;

import dev.nabla.Tensor;
import dev.nabla.models.train.Batches;
import dev.nabla.nn.Module;
import dev.nabla.optim.Optimizer;
import java.util.List;

/**
 * The shared part of the sessions whose data are one training and one held-out tensor of samples
 * along dimension 0 (autoencoders, VAE, GAN, diffusion, and segmentation with input and mask as two
 * channels): the model, its optimizers and the batch schedule.
 */
abstract class TensorSession extends ZooSession {

    private final Tensor train;
    private final Tensor test;
    private final Batches batches;

    /**
     * @param model everything a checkpoint must hold
     * @param optimizers the optimizers, in a fixed order
     * @param train training samples {@code [N, ...]}
     * @param test held-out samples {@code [M, ...]}
     * @param batchSize samples per step
     * @param seed the run's seed (batch order)
     */
    TensorSession(Module model, List<Optimizer> optimizers, Tensor train, Tensor test, int batchSize, long seed) {
        this(model, optimizers, train, test, new Batches(train.size(0), batchSize, seed, train.device()));
    }

    private TensorSession(Module model, List<Optimizer> optimizers, Tensor train, Tensor test, Batches batches) {
        super(model, optimizers, batches.perEpoch());
        this.train = train;
        this.test = test;
        this.batches = batches;
    }

    /** The training samples of step {@code step} of {@code epoch}. */
    Tensor batch(int epoch, int step) {
        return train.indexSelect(0, batches.tensor(epoch, step));
    }

    /** The held-out samples. */
    Tensor test() {
        return test;
    }

    /** The training samples. */
    Tensor train() {
        return train;
    }

    /** Images a sample grid shows when the caller asks for the model's default amount (count 0). */
    static final int DEFAULT_IMAGES = 64;

    /** {@code count}, or {@code byDefault} when it is 0 (the caller's way to ask for the model's default). */
    static int orDefault(int count, int byDefault) {
        if (count < 0) {
            throw new IllegalArgumentException("sample: count must be >= 0, got " + count);
        }
        return count == 0 ? byDefault : count;
    }

    /** The first {@code n} samples of {@code t}, or all of them when it has fewer. */
    static Tensor head(Tensor t, int n) {
        return t.narrow(0, 0, Math.min(n, t.size(0)));
    }
}
