/**
 * Collective communication for data-parallel training, independent of any cluster engine: the
 * {@link dev.nabla.distributed.Communicator} (all-reduce, broadcast, all-gather, barrier) with an
 * in-process implementation for threads and a TCP ring for processes, and
 * {@link dev.nabla.distributed.DistributedDataParallel}, which keeps a model's replicas in step.
 */
package dev.nabla.distributed;
