package dev.nabla.optim;

import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;
import dev.nabla.nn.Parameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Updates parameters from their gradients. Parameters are organised in {@link ParamGroup}s, each
 * with its own hyper-parameters; {@link #step()} runs under no-grad and calls
 * {@link #update} for every parameter whose gradient is not null. Per-parameter state (moments,
 * buffers, step counts) lives here and round-trips through {@link #stateDict()}.
 */
public abstract class Optimizer implements Stateful {

    /** The key of the weight-decay coefficient. */
    public static final String WEIGHT_DECAY = "weight_decay";

    private final List<ParamGroup> groups;
    private final Map<Parameter, ParamState> state = new IdentityHashMap<>();

    /** An optimizer over {@code params} (trainable slots) in one group without hyper-parameters. */
    protected Optimizer(List<Parameter> params) {
        this(params.isEmpty() ? List.of() : List.of(ParamGroup.of(params)), Map.of());
    }

    /**
     * An optimizer over {@code groups}; hyper-parameters a group does not set come from
     * {@code defaults}, and a group may only set keys that appear in {@code defaults}.
     *
     * @throws IllegalArgumentException for no groups, a buffer, a parameter in two groups or an unknown key
     */
    protected Optimizer(List<ParamGroup> groups, Map<String, Double> defaults) {
        String name = getClass().getSimpleName();
        if (groups.isEmpty()) {
            throw new IllegalArgumentException(name + ": no parameters to optimise");
        }
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (ParamGroup g : groups) {
            for (Parameter p : g.params()) {
                if (!p.isTrainable()) {
                    throw new IllegalArgumentException(name + ": a buffer is not a trainable parameter: " + p);
                }
                if (!seen.add(p)) {
                    throw new IllegalArgumentException(name + ": parameter " + p + " appears in more than one group");
                }
            }
            if (!defaults.isEmpty()) {
                for (String key : g.hyperParameters().keySet()) {
                    if (!defaults.containsKey(key)) {
                        throw new IllegalArgumentException(name + ": unknown hyper-parameter '" + key + "'; known: "
                                + defaults.keySet());
                    }
                }
            }
            defaults.forEach((k, v) -> {
                if (!g.has(k)) {
                    g.set(k, v);
                }
            });
        }
        this.groups = List.copyOf(groups);
    }

    /** The parameter groups, in order; change {@link ParamGroup#setLr} to schedule learning rates. */
    public List<ParamGroup> paramGroups() {
        return groups;
    }

    /** Every parameter being optimised, group by group. */
    public List<Parameter> params() {
        List<Parameter> all = new ArrayList<>();
        groups.forEach(g -> all.addAll(g.params()));
        return all;
    }

    /** The state of {@code p} (created empty on first use). */
    protected ParamState state(Parameter p) {
        return state.computeIfAbsent(p, k -> new ParamState());
    }

    /** Clears every parameter's gradient. */
    public void zeroGrad() {
        params().forEach(p -> p.get().setGrad(null));
    }

    /** Applies one update to every parameter that has a gradient. */
    public void step() {
        try (GradMode ignored = Autograd.noGradScope()) {
            for (ParamGroup g : groups) {
                for (Parameter p : g.params()) {
                    Tensor grad = p.grad();
                    if (grad != null) {
                        ParamState s = state(p);
                        s.setStep(s.step() + 1);
                        update(p.get(), grad, s, g);
                    }
                }
            }
        }
    }

    /**
     * Updates {@code param} in place (grad mode is off).
     *
     * @param param the parameter's tensor
     * @param grad its gradient
     * @param state its state; {@link ParamState#step()} already counts this update
     * @param group its group's hyper-parameters
     */
    protected abstract void update(Tensor param, Tensor grad, ParamState state, ParamGroup group);

    /**
     * The state as a flat map: {@code "state.<i>.<name>"} tensors and {@code "state.<i>.step"}
     * counts for the i-th parameter (counting through the groups in order), and
     * {@code "groups.<g>.<hyper>"} numbers.
     */
    @Override
    public Map<String, Object> stateDict() {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Parameter> all = params();
        for (int i = 0; i < all.size(); i++) {
            ParamState s = state.get(all.get(i));
            if (s != null) {
                String prefix = "state." + i + ".";
                out.put(prefix + "step", s.step());
                s.tensors().forEach((k, t) -> out.put(prefix + k, t));
            }
        }
        for (int g = 0; g < groups.size(); g++) {
            String prefix = "groups." + g + ".";
            groups.get(g).hyperParameters().forEach((k, v) -> out.put(prefix + k, v));
        }
        return out;
    }

    /** Restores a state from {@link #stateDict()}; tensors are copied onto each parameter's device and dtype. */
    @Override
    public void loadStateDict(Map<String, ?> saved) {
        String name = getClass().getSimpleName();
        for (int g = 0; g < groups.size(); g++) {
            for (String k : groups.get(g).hyperParameters().keySet()) {
                StateMaps.number(name, saved, "groups." + g + "." + k);
            }
        }
        if (saved.containsKey("groups." + groups.size() + "." + ParamGroup.LR)) {
            throw new IllegalArgumentException(name + ".loadStateDict: the state has more than " + groups.size() + " groups");
        }
        List<Parameter> all = params();
        Map<Parameter, ParamState> restored = new IdentityHashMap<>();
        for (Map.Entry<String, ?> e : saved.entrySet()) {
            String[] parts = e.getKey().split("\\.", 3);
            if (!parts[0].equals("state")) {
                continue;
            }
            int i = parseIndex(name, e.getKey(), parts, all.size());
            Parameter p = all.get(i);
            ParamState s = restored.computeIfAbsent(p, k -> new ParamState());
            if (parts[2].equals("step")) {
                s.setStep(StateMaps.number(name, saved, e.getKey()).longValue());
            } else {
                Tensor t = StateMaps.tensor(name, saved, e.getKey());
                if (!t.shape().equals(p.get().shape())) {
                    throw new IllegalArgumentException(name + ".loadStateDict: '" + e.getKey() + "' has shape " + t.shape()
                            + " but parameter " + i + " has shape " + p.get().shape());
                }
                s.put(parts[2], t.to(p.get().device()).to(p.get().dtype()).copy());
            }
        }
        for (int g = 0; g < groups.size(); g++) {
            ParamGroup group = groups.get(g);
            for (String k : List.copyOf(group.hyperParameters().keySet())) {
                group.set(k, StateMaps.number(name, saved, "groups." + g + "." + k).doubleValue());
            }
        }
        state.clear();
        state.putAll(restored);
    }

    private static int parseIndex(String name, String key, String[] parts, int count) {
        try {
            int i = parts.length == 3 ? Integer.parseInt(parts[1]) : -1;
            if (i >= 0 && i < count) {
                return i;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("loadStateDict(" + name + "): key '" + key + "' does not name one of the "
                + count + " parameters");
    }
}
