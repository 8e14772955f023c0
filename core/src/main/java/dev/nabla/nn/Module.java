package dev.nabla.nn;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Tensor;
import dev.nabla.autograd.GradMode;
import dev.nabla.autograd.Autograd;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The base of every layer and model: owns parameters, buffers and child modules under names,
 * so that {@link #namedParameters()} yields dotted paths such as {@code "0.weight"} and
 * {@link #stateDict()} round-trips through checkpoints.
 */
public abstract class Module {

    private final Map<String, Parameter> slots = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Computes the module's output. */
    public abstract Tensor forward(Tensor input);

    /** Registers a trainable parameter under {@code name} and returns its slot. */
    protected final Parameter registerParameter(String name, Tensor value) {
        return register(name, Parameter.of(value));
    }

    /** Registers a buffer under {@code name} and returns its slot. */
    protected final Parameter registerBuffer(String name, Tensor value) {
        return register(name, Parameter.buffer(value));
    }

    private Parameter register(String name, Parameter p) {
        checkName(name);
        slots.put(name, p);
        return p;
    }

    /** Registers a child module under {@code name} and returns it. */
    protected final <M extends Module> M registerModule(String name, M module) {
        checkName(name);
        children.put(name, module);
        return module;
    }

    private void checkName(String name) {
        if (name.isEmpty() || name.contains(".") || slots.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": invalid or duplicate member name '" + name + "'");
        }
    }

    /** Direct children, by name, in registration order. */
    public Map<String, Module> namedChildren() {
        return java.util.Collections.unmodifiableMap(children);
    }

    /** Every slot of this module and its descendants, by dotted name, parameters and buffers alike. */
    public Map<String, Parameter> namedSlots() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collect("", out);
        return out;
    }

    private void collect(String prefix, Map<String, Parameter> out) {
        slots.forEach((n, p) -> out.put(prefix + n, p));
        children.forEach((n, m) -> m.collect(prefix + n + ".", out));
    }

    /** Trainable parameters by dotted name. */
    public Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        namedSlots().forEach((n, p) -> {
            if (p.isTrainable()) {
                out.put(n, p);
            }
        });
        return out;
    }

    /** Trainable parameters, each once, in registration order. */
    public List<Parameter> parameters() {
        return new ArrayList<>(new java.util.LinkedHashSet<>(namedParameters().values()));
    }

    /** The number of trainable scalars. */
    public long parameterCount() {
        return parameters().stream().mapToLong(p -> p.get().numel()).sum();
    }

    /** Switches this module and its descendants to training behaviour (dropout on, batch statistics). */
    public Module train() {
        return setTraining(true);
    }

    /** Switches this module and its descendants to evaluation behaviour. */
    public Module eval() {
        return setTraining(false);
    }

    private Module setTraining(boolean value) {
        training = value;
        children.values().forEach(c -> c.setTraining(value));
        return this;
    }

    /** Whether the module is in training mode. */
    public boolean isTraining() {
        return training;
    }

    /** Moves every parameter and buffer to {@code device}; returns this. */
    public Module to(Device device) {
        namedSlots().values().forEach(p -> p.set(p.get().to(device)));
        return this;
    }

    /** Converts every floating parameter and buffer to {@code dtype}; returns this. */
    public Module to(DType dtype) {
        namedSlots().values().forEach(p -> {
            if (p.get().dtype().isFloating()) {
                p.set(p.get().to(dtype));
            }
        });
        return this;
    }

    /** Sets every parameter's gradient to null. */
    public void zeroGrad() {
        parameters().forEach(p -> p.get().setGrad(null));
    }

    /** Detached references to every parameter and buffer, by dotted name. */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        namedSlots().forEach((n, p) -> out.put(n, p.get().detach()));
        return out;
    }

    /**
     * Copies values from {@code state} into this module's parameters and buffers.
     *
     * @param strict when true, missing and unexpected keys are errors; mis-shaped entries are always errors
     * @throws IllegalArgumentException naming every offending key
     */
    public void loadStateDict(Map<String, Tensor> state, boolean strict) {
        Map<String, Parameter> own = namedSlots();
        List<String> problems = new ArrayList<>();
        if (strict) {
            TreeSet<String> missing = new TreeSet<>(own.keySet());
            missing.removeAll(state.keySet());
            TreeSet<String> unexpected = new TreeSet<>(state.keySet());
            unexpected.removeAll(own.keySet());
            if (!missing.isEmpty()) {
                problems.add("missing keys " + missing);
            }
            if (!unexpected.isEmpty()) {
                problems.add("unexpected keys " + unexpected);
            }
        }
        own.forEach((name, p) -> {
            Tensor v = state.get(name);
            if (v != null && !v.shape().equals(p.get().shape())) {
                problems.add("'" + name + "' has shape " + v.shape() + " in the state dict but " + p.get().shape()
                        + " in the module");
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("loadStateDict(" + getClass().getSimpleName() + "): "
                    + String.join("; ", problems));
        }
        try (GradMode ignored = Autograd.noGradScope()) {
            own.forEach((name, p) -> {
                Tensor v = state.get(name);
                if (v != null) {
                    p.get().copyFrom(v.to(p.get().device()));
                }
            });
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(getClass().getSimpleName());
        if (!children.isEmpty()) {
            sb.append("(\n");
            children.forEach((n, m) -> sb.append("  (").append(n).append("): ")
                    .append(m.toString().replace("\n", "\n  ")).append('\n'));
            sb.append(')');
        }
        return sb.toString();
    }
}
