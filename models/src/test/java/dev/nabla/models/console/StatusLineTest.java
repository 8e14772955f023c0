package dev.nabla.models.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The status line in a terminal (redrawn, erased before other output) and in a log (plain, now and then). */
class StatusLineTest {

    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private final PrintStream terminal = new PrintStream(screen, true, StandardCharsets.UTF_8);
    private final AtomicLong clock = new AtomicLong();

    private String screen() {
        return screen.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aTerminalRedrawsInPlaceAtMostFourTimesASecond() {
        TerminalStatusLine line = new TerminalStatusLine(terminal, 80, clock::get, () -> { });
        line.show("epoch 1/2 10%");
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
        line.show("epoch 1/2 20%");
        assertEquals("\repoch 1/2 10%", screen(), "a redraw within 250 ms is skipped");
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(200));
        line.show("epoch 1/2 3%");
        assertEquals("\repoch 1/2 10%\repoch 1/2 3% ", screen(), "a shorter status covers the longer one");
        line.close();
        assertTrue(screen().endsWith("\r" + " ".repeat(13) + "\r"), "closing blanks the line: '" + screen() + "'");
    }

    @Test
    void otherOutputErasesTheStatusFirstSoLogLinesNeverLandOnIt() {
        TerminalStatusLine line = new TerminalStatusLine(terminal, 80, clock::get, () -> { });
        PrintStream log = new PrintStream(line.guard(terminal), true, StandardCharsets.UTF_8);
        line.show("epoch 1/2 50%");
        log.println("WARN something");
        assertEquals("\repoch 1/2 50%\r" + " ".repeat(13) + "\rWARN something\n", screen().replace(System.lineSeparator(), "\n"));
        line.show("epoch 1/2 60%");
        assertTrue(screen().endsWith("WARN something" + System.lineSeparator() + "\repoch 1/2 60%"),
                "redrawn at once on the next line: " + screen());
        log.print("half a line");
        clock.addAndGet(TimeUnit.SECONDS.toNanos(1));
        line.show("epoch 1/2 70%");
        assertFalse(screen().contains("70%"), "not drawn over an unfinished line");
        log.println();
        line.show("epoch 1/2 80%");
        assertTrue(screen().endsWith("\repoch 1/2 80%"), screen());
        assertFalse(screen().contains("\u001b"), "no escape codes");
    }

    @Test
    void aStatusWiderThanTheTerminalIsCutSoItNeverWraps() {
        TerminalStatusLine line = new TerminalStatusLine(terminal, 10, clock::get, () -> { });
        line.show("0123456789abc");
        assertEquals("\r012345678", screen());
    }

    @Test
    void aLogGetsAPlainLineAtMostEveryInterval() {
        PlainStatusLine line = new PlainStatusLine(terminal, TimeUnit.SECONDS.toNanos(30), clock::get);
        line.show("too soon");
        clock.addAndGet(TimeUnit.SECONDS.toNanos(31));
        line.show("epoch 1/9 40%");
        line.show("too soon again");
        line.clear();
        line.close();
        assertEquals("epoch 1/9 40%" + System.lineSeparator(), screen());
        assertFalse(line.redraws());
    }

    @Test
    void onlyATerminalDeviceOnStandardErrorIsATerminal() {
        assertTrue(TerminalCheck.isTerminal(true, "xterm-256color", Optional.of("/dev/pts/3")));
        assertFalse(TerminalCheck.isTerminal(true, "xterm", Optional.of("/home/me/train.log")), "2> train.log");
        assertFalse(TerminalCheck.isTerminal(true, "xterm", Optional.of("pipe:[12345]")), "2>&1 | tee");
        assertFalse(TerminalCheck.isTerminal(false, "xterm", Optional.of("/dev/pts/3")), "no console: stdin or stdout redirected");
        assertFalse(TerminalCheck.isTerminal(true, "dumb", Optional.of("/dev/pts/3")), "TERM=dumb");
        assertTrue(TerminalCheck.isTerminal(true, null, Optional.empty()), "no /proc: the console decides");
    }

    @Test
    void installingGuardsBothStandardStreamsAndClosingRestoresThem() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        try (StatusLine line = TerminalStatusLine.install()) {
            assertTrue(line.redraws());
            assertFalse(System.out == out || System.err == err, "guarded while the status is up");
        } finally {
            assertTrue(System.out == out && System.err == err, "restored");
        }
    }

    @Test
    void guardedWritesPassTheBytesUnchanged() throws Exception {
        TerminalStatusLine line = new TerminalStatusLine(terminal, 80, clock::get, () -> { });
        OutputStream guard = line.guard(terminal);
        guard.write("héllo\n".getBytes(StandardCharsets.UTF_8));
        guard.write('!');
        assertEquals("héllo\n!", screen());
    }
}
