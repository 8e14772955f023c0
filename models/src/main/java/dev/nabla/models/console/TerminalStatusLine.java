package dev.nabla.models.console;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The status line of a terminal: redrawn in place after a carriage return, at most every 250 ms, and
 * blanked with spaces (no escape codes, which not every console understands) before any other output.
 * Other output reaches the terminal through {@link #guard(OutputStream)}, which blanks the status
 * first; while a guarded write has left a line unfinished, the status waits for its newline.
 */
final class TerminalStatusLine implements StatusLine {

    /** The least time between two redraws. */
    static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final int DEFAULT_WIDTH = 80;

    private final PrintStream terminal;
    private final int width;
    private final LongSupplier clock;
    private final Runnable restore;
    private long lastDraw;
    private int cursor;
    private boolean lineOpen;

    /**
     * @param terminal the stream the status is drawn on
     * @param width the terminal's columns; the status is cut to one less, so it never wraps
     * @param clock a nanosecond clock
     * @param restore run once by {@link #close()} (puts the standard streams back)
     */
    TerminalStatusLine(PrintStream terminal, int width, LongSupplier clock, Runnable restore) {
        this.terminal = terminal;
        this.width = width;
        this.clock = clock;
        this.restore = restore;
    }

    /** A status line on standard error, with standard output and error guarded until it is closed. */
    static TerminalStatusLine install() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        TerminalStatusLine line = new TerminalStatusLine(err, columns(), System::nanoTime, () -> {
            System.setOut(out);
            System.setErr(err);
        });
        System.setOut(line.guardedStream(out, "sun.stdout.encoding"));
        System.setErr(line.guardedStream(err, "sun.stderr.encoding"));
        return line;
    }

    private static int columns() {
        try {
            return Integer.parseInt(System.getenv().getOrDefault("COLUMNS", ""));
        } catch (NumberFormatException e) {
            return DEFAULT_WIDTH;
        }
    }

    /** A print stream that writes through {@link #guard} in the encoding the JVM gave {@code target}. */
    private PrintStream guardedStream(PrintStream target, String encodingProperty) {
        String encoding = System.getProperty(encodingProperty, Charset.defaultCharset().name());
        try {
            return new PrintStream(guard(target), true, encoding);
        } catch (UnsupportedEncodingException e) {
            return new PrintStream(guard(target), true, Charset.defaultCharset());
        }
    }

    @Override
    public synchronized void show(String text) {
        long now = clock.getAsLong();
        if (lineOpen || (cursor > 0 && now - lastDraw < INTERVAL_NANOS)) {
            return;
        }
        String line = text.length() < width ? text : text.substring(0, Math.max(0, width - 1));
        // spaces cover what the previous, longer status left behind
        terminal.print('\r' + line + " ".repeat(Math.max(0, cursor - line.length())));
        terminal.flush();
        cursor = Math.max(cursor, line.length());
        lastDraw = now;
    }

    @Override
    public synchronized void clear() {
        if (cursor > 0) {
            terminal.print('\r' + " ".repeat(cursor) + '\r');
            terminal.flush();
            cursor = 0;
        }
    }

    @Override
    public boolean redraws() {
        return true;
    }

    @Override
    public synchronized void close() {
        clear();
        restore.run();
    }

    /** An output stream that blanks the status before each write to {@code target}. */
    OutputStream guard(OutputStream target) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return;
                }
                synchronized (TerminalStatusLine.this) {
                    clear();
                    target.write(b, off, len);
                    target.flush();
                    lineOpen = b[off + len - 1] != '\n';
                }
            }

            @Override
            public void flush() throws IOException {
                target.flush();
            }
        };
    }
}
