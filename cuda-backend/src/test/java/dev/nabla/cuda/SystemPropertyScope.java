package dev.nabla.cuda;

import java.util.function.Supplier;

/** Runs test code with one system property set, restoring its previous value (or absence) after. */
final class SystemPropertyScope {

    private SystemPropertyScope() {
    }

    /** The value of {@code body} computed with {@code name} set to {@code value} (null clears it). */
    static <T> T with(String name, String value, Supplier<T> body) {
        String before = System.getProperty(name);
        set(name, value);
        try {
            return body.get();
        } finally {
            set(name, before);
        }
    }

    private static void set(String name, String value) {
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
    }
}
