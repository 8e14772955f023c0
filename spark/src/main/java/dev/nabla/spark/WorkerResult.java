package dev.nabla.spark;

import dev.nabla.Tensor;
import java.util.Map;

/**
 * What a worker hands back when training ends; only rank 0's reaches the driver.
 *
 * @param state the trained state dict (parameters and buffers)
 * @param metrics final metrics by name (may be empty)
 */
public record WorkerResult(Map<String, Tensor> state, Map<String, Double> metrics) {

    /** Copies the maps. */
    public WorkerResult {
        state = Map.copyOf(state);
        metrics = Map.copyOf(metrics);
    }
}
