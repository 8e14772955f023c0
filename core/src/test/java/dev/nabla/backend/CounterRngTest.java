package dev.nabla.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The counter-based generator: pure, spread out, and with the right moments. */
class CounterRngTest {

    @Test
    void isAPureFunctionOfSeedAndCounter() {
        assertEquals(CounterRng.bits(1, 5), CounterRng.bits(1, 5));
        assertNotEquals(CounterRng.bits(1, 5), CounterRng.bits(1, 6));
        assertNotEquals(CounterRng.bits(1, 5), CounterRng.bits(2, 5));
        // neighbouring seeds must not produce shifted copies of one stream
        assertNotEquals(CounterRng.bits(1, 1), CounterRng.bits(2, 0));
    }

    @Test
    void bitsAreBalanced() {
        int n = 20_000;
        int[] ones = new int[64];
        for (int i = 0; i < n; i++) {
            long b = CounterRng.bits(7, i);
            for (int k = 0; k < 64; k++) {
                ones[k] += (int) ((b >>> k) & 1);
            }
        }
        for (int k = 0; k < 64; k++) {
            assertEquals(0.5, ones[k] / (double) n, 0.02, "bit " + k);
        }
    }

    @Test
    void uniformAndNormalHaveTheRightMoments() {
        int n = 100_000;
        double su = 0;
        double sn = 0;
        double sn2 = 0;
        for (int i = 0; i < n; i++) {
            double u = CounterRng.uniform(3, i);
            assertTrue(u >= 0 && u < 1);
            su += u;
            double z = CounterRng.normal(3, i);
            assertTrue(Double.isFinite(z));
            sn += z;
            sn2 += z * z;
        }
        assertEquals(0.5, su / n, 0.005);
        assertEquals(0, sn / n, 0.015);
        assertEquals(1, sn2 / n, 0.02);
    }
}
