package dev.nabla.train;

import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;
import dev.nabla.nn.Module;
import dev.nabla.optim.MetricMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stops training when a validation metric has not improved for {@code patience} checks, keeping
 * a copy of the module's weights from the best check so that {@link #restoreBest()} can put them
 * back.
 */
public final class EarlyStopping {

    private final Module module;
    private final MetricMode mode;
    private final int patience;
    private final double minDelta;
    private double best;
    private int bestCheck = -1;
    private int checks;
    private int sinceBest;
    private Map<String, Tensor> bestState;

    /**
     * Early stopping for {@code module}.
     *
     * @param patience checks without improvement tolerated (≥ 1)
     * @param minDelta the absolute improvement that counts (≥ 0)
     */
    public EarlyStopping(Module module, MetricMode mode, int patience, double minDelta) {
        if (patience < 1 || !(minDelta >= 0)) {
            throw new IllegalArgumentException("EarlyStopping: need patience >= 1 and minDelta >= 0, got patience=" + patience
                    + " minDelta=" + minDelta);
        }
        this.module = module;
        this.mode = mode;
        this.patience = patience;
        this.minDelta = minDelta;
        this.best = mode.worst();
    }

    /**
     * Records one validation result; snapshots the weights when it is the best so far.
     *
     * @return true when training should stop
     */
    public boolean update(double metric) {
        if (mode.improves(metric, best, minDelta)) {
            best = metric;
            bestCheck = checks;
            sinceBest = 0;
            bestState = copyOf(module.stateDict());
        } else {
            sinceBest++;
        }
        checks++;
        return shouldStop();
    }

    /** Whether {@code patience} checks have passed without improvement. */
    public boolean shouldStop() {
        return sinceBest >= patience;
    }

    /** The best metric seen. */
    public double best() {
        return best;
    }

    /** The index (from 0) of the check that gave the best metric, or -1 before any. */
    public int bestCheck() {
        return bestCheck;
    }

    /**
     * Loads the best weights back into the module.
     *
     * @throws IllegalStateException before any check
     */
    public void restoreBest() {
        if (bestState == null) {
            throw new IllegalStateException("EarlyStopping.restoreBest: no metric has been recorded yet");
        }
        module.loadStateDict(bestState, true);
    }

    private static Map<String, Tensor> copyOf(Map<String, Tensor> state) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        try (GradMode ignored = Autograd.noGradScope()) {
            state.forEach((k, v) -> out.put(k, v.copy()));
        }
        return out;
    }
}
