package dev.nabla.spark;

import java.io.Serializable;
import java.util.List;

/**
 * The training one worker runs inside the barrier stage, shipped to the executors by Java
 * serialization. Every worker runs it at once with a connected {@link WorkerContext}; typically it
 * builds the model, wraps it in a {@link dev.nabla.distributed.DistributedDataParallel}, resumes from
 * {@link WorkerContext#checkpoint()} when present, trains on its share of the data, and on rank 0
 * writes checkpoints to {@link WorkerContext#checkpointFile()}.
 *
 * @param <T> the type of the examples
 */
@FunctionalInterface
public interface WorkerTraining<T> extends Serializable {

    /**
     * Trains this worker's replica.
     *
     * @param context rank, communicator, device and checkpoint locations
     * @param partition this worker's examples
     * @return the final state; rank 0's is returned to the driver
     * @throws Exception a failure fails the task, and Spark retries the whole stage
     */
    WorkerResult train(WorkerContext context, List<T> partition) throws Exception;
}
