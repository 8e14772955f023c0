package dev.nabla.optim;

import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;
import dev.nabla.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongToDoubleFunction;

/**
 * A running average of parameter values, kept beside the parameters: an exponential moving
 * average ({@link #ema}) or the Polyak (uniform) average of every iterate ({@link #polyak}).
 * Both start from the weights at construction and call {@link #update()} after each optimizer
 * step; {@link #applied()} swaps the averages into the model for evaluation and back.
 */
public final class WeightAveraging {

    private final List<Parameter> params;
    private final List<Tensor> averages = new ArrayList<>();
    /** The weight given to the new value at the n-th update: avg = (1 − w)·avg + w·param. */
    private final LongToDoubleFunction weight;
    private long updates;

    private WeightAveraging(List<Parameter> params, LongToDoubleFunction weight) {
        this.params = List.copyOf(params);
        this.weight = weight;
        try (GradMode ignored = Autograd.noGradScope()) {
            params.forEach(p -> averages.add(p.get().detach().copy()));
        }
    }

    /**
     * An exponential moving average: {@code avg = decay·avg + (1 − decay)·param} per update.
     *
     * @param decay in [0, 1]
     */
    public static WeightAveraging ema(List<Parameter> params, double decay) {
        if (!(decay >= 0 && decay <= 1)) {
            throw new IllegalArgumentException("WeightAveraging.ema: decay must be in [0, 1], got " + decay);
        }
        return new WeightAveraging(params, n -> 1 - decay);
    }

    /** The Polyak average: the mean of the starting weights and every updated iterate so far. */
    public static WeightAveraging polyak(List<Parameter> params) {
        return new WeightAveraging(params, n -> 1.0 / (n + 1));
    }

    /** Folds the current parameter values into the averages. */
    public void update() {
        updates++;
        double w = weight.applyAsDouble(updates);
        try (GradMode ignored = Autograd.noGradScope()) {
            for (int i = 0; i < params.size(); i++) {
                Tensor avg = averages.get(i);
                avg.mulInPlace(1 - w).addInPlace(params.get(i).get().mul(w));
            }
        }
    }

    /** The number of updates so far. */
    public long updates() {
        return updates;
    }

    /** The averaged values, aligned with the parameters (live references). */
    public List<Tensor> averages() {
        return List.copyOf(averages);
    }

    /**
     * Copies the averages into the parameters until the returned scope closes, which puts the
     * trained values back: {@code try (var s = ema.applied()) { evaluate(model); }}.
     */
    public Swap applied() {
        List<Tensor> saved = new ArrayList<>();
        try (GradMode ignored = Autograd.noGradScope()) {
            for (int i = 0; i < params.size(); i++) {
                Tensor live = params.get(i).get();
                saved.add(live.detach().copy());
                live.copyFrom(averages.get(i));
            }
        }
        return () -> {
            try (GradMode ignored = Autograd.noGradScope()) {
                for (int i = 0; i < params.size(); i++) {
                    params.get(i).get().copyFrom(saved.get(i));
                }
            }
        };
    }

    /** A scope during which the averaged weights are in the model. */
    @FunctionalInterface
    public interface Swap extends AutoCloseable {
        /** Restores the trained weights. */
        @Override
        void close();
    }
}
