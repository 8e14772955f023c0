package dev.nabla.autograd;

/**
 * A thread-local switch that turns graph recording off for its scope; closing it restores the
 * previous state, so scopes nest.
 */
public final class GradMode implements AutoCloseable {

    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});
    private static final ThreadLocal<boolean[]> ANOMALY = ThreadLocal.withInitial(() -> new boolean[] {false});

    private final boolean previous;
    private final ThreadLocal<boolean[]> flag;

    GradMode(ThreadLocal<boolean[]> flag, boolean value) {
        this.flag = flag;
        this.previous = flag.get()[0];
        flag.get()[0] = value;
    }

    static GradMode set(boolean enabled) {
        return new GradMode(ENABLED, enabled);
    }

    static GradMode anomaly(boolean enabled) {
        return new GradMode(ANOMALY, enabled);
    }

    /** Whether ops on this thread record the graph. */
    public static boolean isEnabled() {
        return ENABLED.get()[0];
    }

    /** Whether anomaly detection (a NaN/Inf check after every recorded op) is on for this thread. */
    public static boolean isAnomalyDetectionEnabled() {
        return ANOMALY.get()[0];
    }

    /** Restores the state that was in force when this scope opened. */
    @Override
    public void close() {
        flag.get()[0] = previous;
    }
}
