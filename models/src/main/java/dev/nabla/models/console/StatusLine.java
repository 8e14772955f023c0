package dev.nabla.models.console;

/**
 * One line of progress for a person watching a run. On a terminal it is redrawn in place and erased
 * before anything else is printed, so that log lines never land on it; in a log file, a pipe or CI
 * it becomes a plain line now and then, with no carriage returns and no escape codes.
 */
@FunctionalInterface
public interface StatusLine extends AutoCloseable {

    /** Shows {@code text} as the current status (an implementation may skip calls that come too soon). */
    void show(String text);

    /** Removes the status from the screen before other output; by default nothing is redrawn, so nothing to remove. */
    default void clear() {
    }

    /** Whether the status is redrawn in place (a terminal), so that a drawn bar makes sense. */
    default boolean redraws() {
        return false;
    }

    /** Clears the status and gives the console back. */
    @Override
    default void close() {
    }

    /**
     * The status line for standard error: redrawn in place when standard error is a terminal (and
     * then standard output and error are routed through it until {@link #close()}, so that whatever
     * else prints first erases the status), else a plain line at most every 30 seconds.
     */
    static StatusLine forStandardError() {
        return TerminalCheck.standardErrorIsTerminal() ? TerminalStatusLine.install() : PlainStatusLine.standardError();
    }

    /** A status line that shows nothing (tests, and runs that log elsewhere). */
    static StatusLine none() {
        return text -> { };
    }
}
