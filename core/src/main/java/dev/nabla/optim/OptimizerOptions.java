package dev.nabla.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Default hyper-parameters of an optimizer, set fluently, e.g.
 * {@code SGD.options(0.1).momentum(0.9).nesterov(true)}. Every optimizer's options start from
 * PyTorch's defaults; parameter groups may override any of them.
 *
 * @param <O> the concrete options type, so that chained setters keep it
 */
public abstract class OptimizerOptions<O extends OptimizerOptions<O>> {

    private final Map<String, Double> values = new LinkedHashMap<>();

    /** Options with learning rate {@code lr} and weight decay {@code weightDecay}. */
    protected OptimizerOptions(double lr, double weightDecay) {
        put(ParamGroup.LR, lr);
        put(Optimizer.WEIGHT_DECAY, weightDecay);
    }

    /** Sets the default learning rate. */
    public O lr(double lr) {
        return put(ParamGroup.LR, lr);
    }

    /** Sets the weight decay (L2 penalty added to the gradient, or decoupled for AdamW). */
    public O weightDecay(double weightDecay) {
        return put(Optimizer.WEIGHT_DECAY, weightDecay);
    }

    /** Stores {@code name = value}; returns this. */
    @SuppressWarnings("unchecked")
    protected final O put(String name, double value) {
        values.put(name, value);
        return (O) this;
    }

    /** The options as a read-only map. */
    public Map<String, Double> asMap() {
        return Collections.unmodifiableMap(values);
    }
}
