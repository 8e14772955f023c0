package dev.nabla.optim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Multiplies the learning rates by {@code factor} when a monitored metric has not improved for
 * more than {@code patience} consecutive steps (PyTorch's {@code ReduceLROnPlateau}, relative
 * threshold): an improvement must beat the best by more than {@code threshold·|best|}; after a
 * reduction, {@code cooldown} steps pass before bad steps count again; rates never go below
 * {@code minLr}.
 */
public final class ReduceLrOnPlateau implements Stateful {

    private final Optimizer optimizer;
    private final MetricMode mode;
    private final double factor;
    private final int patience;
    private final double threshold;
    private final int cooldown;
    private final double minLr;
    private double best;
    private int badSteps;
    private int cooldownLeft;

    /**
     * A plateau detector over {@code optimizer}.
     *
     * @param factor in (0, 1)
     * @param patience bad steps tolerated before a reduction (≥ 0)
     * @param threshold relative improvement that counts (≥ 0)
     * @param cooldown steps to wait after a reduction (≥ 0)
     * @param minLr lower bound on every rate (≥ 0)
     */
    public ReduceLrOnPlateau(Optimizer optimizer, MetricMode mode, double factor, int patience, double threshold,
            int cooldown, double minLr) {
        if (!(factor > 0 && factor < 1) || patience < 0 || !(threshold >= 0) || cooldown < 0 || !(minLr >= 0)) {
            throw new IllegalArgumentException("ReduceLrOnPlateau: need 0 < factor < 1 and patience, threshold, cooldown, "
                    + "minLr >= 0; got factor=" + factor + " patience=" + patience + " threshold=" + threshold + " cooldown="
                    + cooldown + " minLr=" + minLr);
        }
        this.optimizer = optimizer;
        this.mode = mode;
        this.factor = factor;
        this.patience = patience;
        this.threshold = threshold;
        this.cooldown = cooldown;
        this.minLr = minLr;
        this.best = mode.worst();
    }

    /** PyTorch's defaults: factor 0.1, patience 10, threshold 1e-4, no cooldown, minLr 0. */
    public ReduceLrOnPlateau(Optimizer optimizer, MetricMode mode) {
        this(optimizer, mode, 0.1, 10, 1e-4, 0, 0);
    }

    /** Records the metric of one step (e.g. an epoch's validation loss); reduces the rates if it is time. */
    public void step(double metric) {
        double margin = Double.isInfinite(best) ? 0 : threshold * Math.abs(best);
        if (mode.improves(metric, best, margin)) {
            best = metric;
            badSteps = 0;
        } else {
            badSteps++;
        }
        if (cooldownLeft > 0) {
            cooldownLeft--;
            badSteps = 0;
        }
        if (badSteps > patience) {
            optimizer.paramGroups().forEach(g -> g.setLr(Math.max(g.lr() * factor, minLr)));
            cooldownLeft = cooldown;
            badSteps = 0;
        }
    }

    /** The current learning rate of the first group. */
    public double lr() {
        return optimizer.paramGroups().get(0).lr();
    }

    /** The best metric seen. */
    public double best() {
        return best;
    }

    /** {@code best}, {@code bad_steps} and {@code cooldown_left}. */
    @Override
    public Map<String, Object> stateDict() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("best", best);
        out.put("bad_steps", badSteps);
        out.put("cooldown_left", cooldownLeft);
        return out;
    }

    @Override
    public void loadStateDict(Map<String, ?> state) {
        double b = StateMaps.number("ReduceLrOnPlateau", state, "best").doubleValue();
        int bad = StateMaps.number("ReduceLrOnPlateau", state, "bad_steps").intValue();
        cooldownLeft = StateMaps.number("ReduceLrOnPlateau", state, "cooldown_left").intValue();
        best = b;
        badSteps = bad;
    }
}
