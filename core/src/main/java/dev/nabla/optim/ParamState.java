package dev.nabla.optim;

import dev.nabla.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** An optimizer's per-parameter state: named tensors (moments, buffers) and the number of updates made. */
public final class ParamState {

    private final Map<String, Tensor> tensors = new LinkedHashMap<>();
    private long step;

    /** The number of updates applied to the parameter, counting the one in progress. */
    public long step() {
        return step;
    }

    void setStep(long value) {
        step = value;
    }

    /** The tensor {@code name}, or null when the optimizer has not created it yet. */
    public Tensor get(String name) {
        return tensors.get(name);
    }

    /** The tensor {@code name}, created by {@code init} on first use. */
    public Tensor getOrInit(String name, Supplier<Tensor> init) {
        return tensors.computeIfAbsent(name, k -> init.get());
    }

    /** Stores the tensor {@code name}. */
    public void put(String name, Tensor value) {
        tensors.put(name, value);
    }

    /** A read-only view of the state tensors. */
    public Map<String, Tensor> tensors() {
        return Collections.unmodifiableMap(tensors);
    }
}
