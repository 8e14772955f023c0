package dev.nabla.models.train;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A cooperative stop request. {@link #installShutdownHook()} turns Ctrl-C (SIGINT/SIGTERM) into a
 * request and holds the JVM's exit until the training loop has saved its checkpoint and called
 * {@link #finished()}, so an interrupted run can always be resumed.
 */
public final class StopSignal {

    /** How long the shutdown hook waits for the loop to save before letting the JVM exit. */
    private static final long SAVE_WAIT_SECONDS = 60;

    private volatile boolean requested;
    private final CountDownLatch done = new CountDownLatch(1);

    /** A signal that nothing but {@link #request()} triggers. */
    public StopSignal() {
    }

    /** Asks the loop to stop at the end of the current step. */
    public void request() {
        requested = true;
    }

    /** Whether a stop was requested. */
    public boolean isRequested() {
        return requested;
    }

    /** Called by the loop once it has saved and will not touch its files again. */
    public void finished() {
        done.countDown();
    }

    /** Makes JVM shutdown (Ctrl-C) request a stop and wait for {@link #finished()}; returns this. */
    public StopSignal installShutdownHook() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            request();
            try {
                done.await(SAVE_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "nabla-stop"));
        return this;
    }
}
