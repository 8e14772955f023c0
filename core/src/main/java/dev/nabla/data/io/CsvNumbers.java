package dev.nabla.data.io;

import java.util.regex.Pattern;

/**
 * The number syntax of CSV cells, as numpy's {@code loadtxt} and pandas' {@code read_csv} read
 * it: an optional sign, decimal digits with an optional point (at least one digit in all) and an
 * optional exponent ({@code -1.5e-3}, {@code .5}, {@code 5.}), or {@code nan}, {@code inf} and
 * {@code infinity} in any case with an optional sign. Java's extra syntax is refused, so that a
 * file means the same to Nabla as to those readers: type suffixes ({@code 1d}, {@code 2f}),
 * hexadecimal ({@code 0x10}, {@code 0x1p3}), and surrounding control characters such as NUL,
 * which {@code Double.parseDouble} would silently drop.
 */
final class CsvNumbers {

    private static final Pattern NUMBER = Pattern.compile(
            "[+-]?(?:(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?|(?i:nan|inf|infinity))");

    private CsvNumbers() {
    }

    /** Whether {@code cell} is a number in this syntax. */
    static boolean isNumber(String cell) {
        return NUMBER.matcher(cell).matches();
    }

    /**
     * The value of a cell.
     *
     * @throws NumberFormatException when it is not a number in this syntax
     */
    static double parse(String cell) {
        if (!isNumber(cell)) {
            throw new NumberFormatException("not a number: '" + cell + "'");
        }
        String lower = cell.toLowerCase(java.util.Locale.ROOT);
        boolean negative = lower.startsWith("-");
        String magnitude = lower.startsWith("-") || lower.startsWith("+") ? lower.substring(1) : lower;
        if (magnitude.equals("nan")) {
            return Double.NaN;
        }
        if (magnitude.startsWith("inf")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.parseDouble(cell); // the pattern admits only decimal syntax, which Java parses exactly
    }
}
