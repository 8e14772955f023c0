/**
 * Nabla on Apache Spark: Spark schedules, partitions the data, retries failed stages and gives one
 * rendezvous; Nabla computes and moves the tensors. {@link dev.nabla.spark.SparkTrainer} runs
 * data-parallel training in one barrier stage over a {@link dev.nabla.distributed.TcpCommunicator}
 * ring, and {@link dev.nabla.spark.ml} fits the classical learners from aggregated statistics.
 */
package dev.nabla.spark;
