package dev.nabla.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

/** erf against its Maclaurin series summed in 60-digit decimal arithmetic, across both branches. */
class ErfTest {

    private static final MathContext MC = new MathContext(60);
    /** 2 / sqrt(pi) to 40 digits. */
    private static final BigDecimal TWO_OVER_SQRT_PI = new BigDecimal("1.128379167095512573896158903121545171688");

    private static double reference(double x) {
        BigDecimal bx = new BigDecimal(x);
        BigDecimal x2 = bx.multiply(bx, MC);
        BigDecimal term = bx;
        BigDecimal sum = bx;
        for (int n = 1; n < 400; n++) {
            term = term.multiply(x2, MC).negate().divide(BigDecimal.valueOf(n), MC);
            sum = sum.add(term.divide(BigDecimal.valueOf(2L * n + 1), MC), MC);
        }
        return sum.multiply(TWO_OVER_SQRT_PI, MC).doubleValue();
    }

    @Test
    void matchesTheHighPrecisionSeries() {
        for (double x = -6; x <= 6; x += 0.173) {
            double expected = reference(x);
            assertEquals(expected, Erf.erf(x), 2e-15 * Math.max(Math.abs(expected), 1e-300) + 1e-16, "erf(" + x + ")");
        }
        for (double x : new double[] {2.4999999, 2.5, 2.5000001, 1e-10, -1e-10}) {
            assertEquals(reference(x), Erf.erf(x), 2e-15 * Math.abs(reference(x)), "erf(" + x + ")");
        }
    }

    @Test
    void limitsAndSpecialValues() {
        assertEquals(1.0, Erf.erf(30));
        assertEquals(-1.0, Erf.erf(Double.NEGATIVE_INFINITY));
        assertEquals(0.0, Erf.erf(0.0));
        assertTrue(Double.isNaN(Erf.erf(Double.NaN)));
    }
}
