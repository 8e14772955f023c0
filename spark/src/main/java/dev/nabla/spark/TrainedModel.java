package dev.nabla.spark;

import dev.nabla.Tensor;
import java.util.Map;

/**
 * The result of {@link SparkTrainer#train}: rank 0's state dict on the driver's CPU, its final
 * metrics, and how many stage attempts the training took (1 without failures).
 *
 * @param state parameters and buffers by name
 * @param metrics final metrics by name
 * @param attempts stage attempts, counting the successful one
 */
public record TrainedModel(Map<String, Tensor> state, Map<String, Double> metrics, int attempts) {
}
