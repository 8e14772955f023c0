package dev.nabla.optim;

import dev.nabla.nn.Parameter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A set of parameters that share hyper-parameters (learning rate, momentum, ...). Values set here
 * override the optimizer's defaults for these parameters only; schedules change {@link #setLr}.
 * Boolean options (e.g. {@code nesterov}) are stored as 0 or 1 so that the whole group is numbers
 * and fits in a checkpoint.
 */
public final class ParamGroup {

    /** The key of the learning rate. */
    public static final String LR = "lr";

    private final List<Parameter> params;
    private final Map<String, Double> values = new LinkedHashMap<>();

    private ParamGroup(List<Parameter> params) {
        if (params.isEmpty()) {
            throw new IllegalArgumentException("ParamGroup: a parameter group needs at least one parameter");
        }
        this.params = List.copyOf(params);
    }

    /** A group over {@code params} that takes every hyper-parameter from the optimizer's defaults. */
    public static ParamGroup of(List<Parameter> params) {
        return new ParamGroup(params);
    }

    /** The parameters of this group. */
    public List<Parameter> params() {
        return params;
    }

    /** The current learning rate. */
    public double lr() {
        return get(LR);
    }

    /** Sets the learning rate (what schedules call); must be {@code >= 0}. */
    public void setLr(double lr) {
        set(LR, lr);
    }

    /** Overrides the learning rate of this group; returns this. */
    public ParamGroup lr(double lr) {
        return set(LR, lr);
    }

    /**
     * Sets hyper-parameter {@code name}; returns this.
     *
     * @throws IllegalArgumentException for a NaN value or a negative learning rate
     */
    public ParamGroup set(String name, double value) {
        if (Double.isNaN(value) || (LR.equals(name) && value < 0)) {
            throw new IllegalArgumentException("ParamGroup.set: invalid value " + value + " for '" + name + "'");
        }
        values.put(name, value);
        return this;
    }

    /**
     * The value of hyper-parameter {@code name}.
     *
     * @throws IllegalArgumentException when the group has no such hyper-parameter
     */
    public double get(String name) {
        Double v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("ParamGroup.get: no hyper-parameter '" + name + "' in " + values.keySet());
        }
        return v;
    }

    /** A boolean option stored as 0/1. */
    public boolean flag(String name) {
        return get(name) != 0;
    }

    /** Whether {@code name} is set in this group. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** A read-only view of the hyper-parameters, in insertion order. */
    public Map<String, Double> hyperParameters() {
        return Collections.unmodifiableMap(values);
    }

    @Override
    public String toString() {
        return "ParamGroup(" + params.size() + " params, " + values + ")";
    }
}
