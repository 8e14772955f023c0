package dev.nabla.models.distributed;

import dev.nabla.distributed.Communicator;
import dev.nabla.distributed.DistributedDataParallel;
import dev.nabla.distributed.ReduceOp;
import dev.nabla.models.train.ForwardingSession;
import dev.nabla.models.train.Session;

/**
 * One rank's session in data-parallel training: before each step rank 0's buffers are broadcast (the
 * session calls its networks directly, so this stands for DDP's broadcast at each forward), the
 * gradients are averaged by the {@link DistributedDataParallel} during the step's backward pass, and
 * the reported loss is the mean over the ranks, i.e. the loss of the global batch.
 */
final class DataParallelSession extends ForwardingSession {

    private final DistributedDataParallel ddp;
    private final Communicator communicator;

    DataParallelSession(Session inner, DistributedDataParallel ddp, Communicator communicator) {
        super(inner);
        this.ddp = ddp;
        this.communicator = communicator;
    }

    @Override
    public double trainStep(int epoch, int step) {
        ddp.broadcastBuffers();
        double[] loss = {inner.trainStep(epoch, step)};
        communicator.allReduce(loss, ReduceOp.MEAN);
        return loss[0];
    }
}
