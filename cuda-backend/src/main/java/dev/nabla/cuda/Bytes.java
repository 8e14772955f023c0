package dev.nabla.cuda;

import java.util.Locale;

/** Formats byte counts for messages and reports. */
final class Bytes {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private Bytes() {
    }

    /** {@code 1536} becomes {@code "1.50 KiB (1536 bytes)"}: readable, and exact for bug reports. */
    static String format(long bytes) {
        return human(bytes) + " (" + bytes + " bytes)";
    }

    /** {@code 1536} becomes {@code "1.50 KiB"}. */
    static String human(long bytes) {
        double value = bytes;
        int unit = 0;
        while (Math.abs(value) >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.2f %s", value, UNITS[unit]);
    }
}
