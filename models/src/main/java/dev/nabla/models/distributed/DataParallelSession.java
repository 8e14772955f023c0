package dev.nabla.models.distributed;

import dev.nabla.distributed.Communicator;
import dev.nabla.distributed.DistributedDataParallel;
import dev.nabla.distributed.ReduceOp;
import dev.nabla.models.train.Samples;
import dev.nabla.models.train.Session;
import dev.nabla.nn.Module;
import dev.nabla.optim.Optimizer;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One rank's session in data-parallel training: before each step rank 0's buffers are broadcast (the
 * session calls its networks directly, so this stands for DDP's broadcast at each forward), the
 * gradients are averaged by the {@link DistributedDataParallel} during the step's backward pass, and
 * the reported loss is the mean over the ranks, i.e. the loss of the global batch.
 */
final class DataParallelSession implements Session {

    private final Session inner;
    private final DistributedDataParallel ddp;
    private final Communicator communicator;

    DataParallelSession(Session inner, DistributedDataParallel ddp, Communicator communicator) {
        this.inner = inner;
        this.ddp = ddp;
        this.communicator = communicator;
    }

    @Override
    public Module model() {
        return inner.model();
    }

    @Override
    public List<Optimizer> optimizers() {
        return inner.optimizers();
    }

    @Override
    public int stepsPerEpoch() {
        return inner.stepsPerEpoch();
    }

    @Override
    public double trainStep(int epoch, int step) {
        ddp.broadcastBuffers();
        double[] loss = {inner.trainStep(epoch, step)};
        communicator.allReduce(loss, ReduceOp.MEAN);
        return loss[0];
    }

    @Override
    public Map<String, Double> evaluate() {
        return inner.evaluate();
    }

    @Override
    public Optional<Samples> sample(int count) {
        return inner.sample(count);
    }
}
