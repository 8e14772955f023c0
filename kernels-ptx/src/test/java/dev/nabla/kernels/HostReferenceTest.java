package dev.nabla.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.backend.CounterRng;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernels' {@code __host__ __device__} functions that must agree with the CPU backend, compiled for the
 * host with nvcc ({@code src/test/cuda/host_reference.cu}) and compared line by line with the Java code the
 * CPU runs: core's {@link CounterRng} for the random kernels, Java's {@code (long)} and {@code (float)}
 * conversions for int64 storage, and Java's own long arithmetic ({@code Math.floorDiv}, {@code Math.floorMod},
 * wrapping {@code + - *}) and {@link BigInteger} powers modulo 2^64 for the exact int64 kernels. Skipped when nvcc
 * or its host compiler is absent.
 */
class HostReferenceTest {

    private static List<String[]> lines;

    @BeforeAll
    static void runHostProgram(@TempDir Path dir) throws Exception {
        lines = PtxResources.runHostProgram(dir, "host_reference.cu");
    }

    private static List<String[]> tagged(String tag) {
        List<String[]> selected = lines.stream().filter(l -> l[0].equals(tag)).toList();
        assertTrue(selected.size() > 5, "too few " + tag + " lines");
        return selected;
    }

    private static double fromBits(String unsignedBits) {
        return Double.longBitsToDouble(Long.parseUnsignedLong(unsignedBits));
    }

    /** One "R" line: the (seed, counter) input and the host's outputs, fields 3 to 7. */
    private record RandomLine(long seed, long counter, String at, String[] fields) {

        static List<RandomLine> all() {
            return tagged("R").stream().map(l -> new RandomLine(Long.parseUnsignedLong(l[1]), Long.parseUnsignedLong(l[2]),
                    "seed " + l[1] + ", counter " + l[2], l)).toList();
        }

        double value(int field) {
            return fromBits(fields[field]);
        }
    }

    @Test
    void uniformValuesEqualCounterRngBitForBit() {
        for (RandomLine r : RandomLine.all()) {
            assertEquals(CounterRng.bits(r.seed(), r.counter()), Long.parseUnsignedLong(r.fields()[3]), r.at());
            double u = CounterRng.uniform(r.seed(), r.counter());
            assertEquals(u, r.value(4), 0, r.at());
            // the CPU backend's scaling: a + (b - a) * u
            assertEquals(-0.25 + (3.0 - -0.25) * u, r.value(6), 0, r.at());
        }
    }

    @Test
    void normalValuesAgreeWithCounterRngWithinTheLibrariesRounding() {
        // Box-Muller goes through log and cos, which Java and the C library may round differently (1 ulp each).
        for (RandomLine r : RandomLine.all()) {
            double z = CounterRng.normal(r.seed(), r.counter());
            assertEquals(z, r.value(5), 4 * Math.ulp(z), r.at());
            double scaled = 0.5 + 2.0 * z;
            assertEquals(scaled, r.value(7), 8 * Math.ulp(scaled) + 8 * Math.ulp(z), r.at());
        }
    }

    @Test
    void doubleToLongIsJavasNarrowing() {
        for (String[] l : tagged("L")) {
            double x = fromBits(l[1]);
            assertEquals((long) x, Long.parseLong(l[2]), "(long) " + x);
        }
    }

    @Test
    void int64PowerIsTheExactPowerWrappedTo64Bits() {
        BigInteger modulus = BigInteger.ONE.shiftLeft(64);
        for (String[] l : tagged("P")) {
            long a = Long.parseLong(l[1]);
            long b = Long.parseLong(l[2]);
            // a negative exponent: 1 for base 1, +-1 for base -1, else 0 (PyTorch's rule)
            long expected = b >= 0 ? BigInteger.valueOf(a).modPow(BigInteger.valueOf(b), modulus).longValue()
                    : a == 1 ? 1 : a == -1 ? (b % 2 == 0 ? 1 : -1) : 0;
            assertEquals(expected, Long.parseLong(l[3]), a + "^" + b);
        }
    }

    @Test
    void int64DivisionAndWrappingArithmeticAreJavas() {
        for (String[] l : tagged("I")) {
            long a = Long.parseLong(l[1]);
            long b = Long.parseLong(l[2]);
            String at = a + ", " + b;
            // a zero divisor gives 0 (core raises first); Long.MIN_VALUE / -1 wraps as Java's division does
            assertEquals(b == 0 ? 0 : a / b, Long.parseLong(l[3]), "divide " + at);
            assertEquals(b == 0 ? 0 : Math.floorDiv(a, b), Long.parseLong(l[4]), "floor divide " + at);
            assertEquals(b == 0 ? 0 : Math.floorMod(a, b), Long.parseLong(l[5]), "remainder " + at);
            assertEquals(a + b, Long.parseLong(l[6]), "add " + at);
            assertEquals(a - b, Long.parseLong(l[7]), "sub " + at);
            assertEquals(a * b, Long.parseLong(l[8]), "mul " + at);
        }
    }

    @Test
    void longToFloatRoundsOnceAsJavaAndPyTorchDo() {
        for (String[] l : tagged("F")) {
            long x = Long.parseLong(l[1]);
            assertEquals(Float.floatToRawIntBits((float) x), Integer.parseUnsignedInt(l[2]), "(float) " + x);
        }
    }
}
