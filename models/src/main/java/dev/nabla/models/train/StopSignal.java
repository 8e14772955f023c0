package dev.nabla.models.train;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A cooperative stop request. {@link #onShutdown()} turns Ctrl-C (SIGINT/SIGTERM) into a request and
 * holds the JVM's exit until the signal is {@linkplain #close() closed}: the program closes it after
 * the training loop has saved its checkpoint and the summary has been printed, so an interrupted run
 * can always be resumed and its last lines are never cut off. Closing also releases the JVM at once
 * when the run failed or ended on its own.
 */
public final class StopSignal implements AutoCloseable {

    /** How long the shutdown hook waits for the run to save and report before letting the JVM exit. */
    private static final long SAVE_WAIT_SECONDS = 60;

    private volatile boolean requested;
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;

    private StopSignal(boolean onShutdown) {
        this.hook = onShutdown ? new Thread(this::requestAndWait, "nabla-stop") : null;
    }

    /** A signal that nothing but {@link #request()} triggers. */
    public StopSignal() {
        this(false);
    }

    /** A signal that JVM shutdown (Ctrl-C) triggers; the shutdown waits (at most 60 s) until {@link #close()}. */
    public static StopSignal onShutdown() {
        StopSignal signal = new StopSignal(true);
        Runtime.getRuntime().addShutdownHook(signal.hook);
        return signal;
    }

    /** Asks the loop to stop at the end of the current step. */
    public void request() {
        requested = true;
    }

    /** Whether a stop was requested. */
    public boolean isRequested() {
        return requested;
    }

    /** Lets a waiting shutdown go on, and removes the hook when the JVM is not shutting down. */
    @Override
    public void close() {
        done.countDown();
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: the count-down above lets it finish
            }
        }
    }

    private void requestAndWait() {
        request();
        try {
            done.await(SAVE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
