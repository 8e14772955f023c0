package dev.nabla.models.console;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The status line of a log file or a pipe: a complete plain line at most every interval (counted from
 * creation, so a short run prints none), never a carriage return or an escape code.
 */
final class PlainStatusLine implements StatusLine {

    /** How often a log gets a progress line. */
    static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final PrintStream out;
    private final long intervalNanos;
    private final LongSupplier clock;
    private long last;

    /**
     * @param out where the lines go
     * @param intervalNanos the least time between two lines
     * @param clock a nanosecond clock ({@code System::nanoTime})
     */
    PlainStatusLine(PrintStream out, long intervalNanos, LongSupplier clock) {
        this.out = out;
        this.intervalNanos = intervalNanos;
        this.clock = clock;
        this.last = clock.getAsLong();
    }

    static PlainStatusLine standardError() {
        return new PlainStatusLine(System.err, INTERVAL_NANOS, System::nanoTime);
    }

    @Override
    public synchronized void show(String text) {
        long now = clock.getAsLong();
        if (now - last >= intervalNanos) {
            out.println(text);
            last = now;
        }
    }
}
