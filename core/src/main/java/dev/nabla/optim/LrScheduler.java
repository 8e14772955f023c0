package dev.nabla.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives an optimizer's learning rates along a {@link Schedule}. The groups' rates at
 * construction are the base rates; each {@link #step()} (usually once per epoch or per batch)
 * advances the clock and sets every group's rate to {@code schedule.lr(base, t)}.
 */
public class LrScheduler implements Stateful {

    private final Optimizer optimizer;
    private final Schedule schedule;
    private final List<Double> baseLrs = new ArrayList<>();
    private long t;

    /** A scheduler over {@code optimizer}; sets the rates for t = 0 right away. */
    public LrScheduler(Optimizer optimizer, Schedule schedule) {
        this.optimizer = optimizer;
        this.schedule = schedule;
        optimizer.paramGroups().forEach(g -> baseLrs.add(g.lr()));
        apply();
    }

    /** Advances the schedule by one step. */
    public void step() {
        t++;
        apply();
    }

    private void apply() {
        List<ParamGroup> groups = optimizer.paramGroups();
        for (int i = 0; i < groups.size(); i++) {
            groups.get(i).setLr(schedule.lr(baseLrs.get(i), t));
        }
    }

    /** The current learning rate of the first group. */
    public double lr() {
        return optimizer.paramGroups().get(0).lr();
    }

    /** The current learning rate of every group. */
    public List<Double> lrs() {
        List<Double> out = new ArrayList<>();
        optimizer.paramGroups().forEach(g -> out.add(g.lr()));
        return out;
    }

    /** The number of steps taken. */
    public long stepCount() {
        return t;
    }

    /** {@code "t"} and {@code "base_lr.<i>"} per group. */
    @Override
    public Map<String, Object> stateDict() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("t", t);
        for (int i = 0; i < baseLrs.size(); i++) {
            out.put("base_lr." + i, baseLrs.get(i));
        }
        return out;
    }

    /** Restores the clock and base rates, and sets the rates they imply. */
    @Override
    public void loadStateDict(Map<String, ?> state) {
        long restoredT = StateMaps.number("LrScheduler", state, "t").longValue();
        List<Double> restored = new ArrayList<>();
        for (int i = 0; i < baseLrs.size(); i++) {
            restored.add(StateMaps.number("LrScheduler", state, "base_lr." + i).doubleValue());
        }
        t = restoredT;
        baseLrs.clear();
        baseLrs.addAll(restored);
        apply();
    }
}
