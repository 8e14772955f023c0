package dev.nabla.optim;

import java.util.Map;

/**
 * Something whose training state can be saved and restored: optimizers and schedules. The state
 * is a flat map whose values are {@link dev.nabla.Tensor}s or {@link Number}s, which is what a
 * checkpoint file can hold.
 */
public interface Stateful {

    /** The current state; tensors are references, so save them before training continues. */
    Map<String, Object> stateDict();

    /**
     * Restores a state produced by {@link #stateDict()} of a compatible object.
     *
     * @throws IllegalArgumentException naming the missing or mismatched entries
     */
    void loadStateDict(Map<String, ?> state);
}
