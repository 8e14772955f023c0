/**
 * The classical learners of {@code dev.nabla.ml} fitted on Spark data sets, MLlib's way: the rows are
 * cut into cached blocks, the current model is broadcast, each block's sufficient statistics are
 * computed with Nabla tensors on the executor and summed by {@code treeAggregate}, one Spark job per
 * iteration, and the small solve (eigen, Cholesky, L-BFGS step) runs on the driver. Every learner
 * returns the same fitted-model type as its single-machine counterpart.
 */
package dev.nabla.spark.ml;
