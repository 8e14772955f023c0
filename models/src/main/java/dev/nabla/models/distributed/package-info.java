/**
 * Data-parallel training of zoo models: {@link dev.nabla.models.distributed.ZooWorker} trains one
 * rank's replica over any {@link dev.nabla.distributed.Communicator}, and
 * {@link dev.nabla.models.distributed.SparkRun} runs the workers as a Spark barrier stage for
 * {@code nabla train MODEL --spark MASTER}.
 */
package dev.nabla.models.distributed;
