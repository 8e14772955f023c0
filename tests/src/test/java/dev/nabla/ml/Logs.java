package dev.nabla.ml;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Captures what the slf4j-simple binding writes to standard error while some code runs. */
final class Logs {

    private Logs() {
    }

    /** The text logged while {@code body} ran. */
    static String during(Runnable body) {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setErr(old);
        }
        return err.toString(StandardCharsets.UTF_8);
    }

    /** The warning lines of a log (slf4j-simple marks them {@code WARN}). */
    static long warnings(String log) {
        return log.lines().filter(l -> l.contains("WARN")).count();
    }
}
