package dev.nabla;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;

/** Asserts the input checks' contract: an {@link IllegalArgumentException} whose message starts as given. */
public final class Rejections {

    private Rejections() {
    }

    /** {@code call} throws an IllegalArgumentException whose message starts with {@code messageStart}. */
    public static void assertRejected(String messageStart, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(messageStart), "message: " + e.getMessage());
    }
}
