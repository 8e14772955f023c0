package dev.nabla.models.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether standard error is a terminal. Java 17 cannot ask for one stream: {@code System.console()}
 * answers for standard input and output together. So a console is required, and on Linux the target
 * of {@code /proc/self/fd/2} must be a terminal device too, which catches {@code 2> log}; where
 * {@code /proc} is missing the console alone decides. {@code TERM=dumb} means no redrawing.
 */
final class TerminalCheck {

    private TerminalCheck() {
    }

    static boolean standardErrorIsTerminal() {
        return isTerminal(System.console() != null, System.getenv("TERM"), linkTarget(Path.of("/proc/self/fd/2")));
    }

    /**
     * The decision itself, from what the process can observe.
     *
     * @param console whether the JVM has a console (standard input and output are terminals)
     * @param term the {@code TERM} variable, or null
     * @param fd2 where file descriptor 2 points, when the system says
     */
    static boolean isTerminal(boolean console, String term, Optional<String> fd2) {
        if (!console || "dumb".equals(term)) {
            return false;
        }
        return fd2.map(target -> target.startsWith("/dev/pts/") || target.startsWith("/dev/tty")).orElse(true);
    }

    private static Optional<String> linkTarget(Path link) {
        try {
            return Optional.of(Files.readSymbolicLink(link).toString());
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }
}
