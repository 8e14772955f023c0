package dev.nabla.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.Tensor;
import dev.nabla.backend.CounterRng;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads what an emulated-kernel host program ({@code src/test/cuda/emulated_*.cu}) prints, and rebuilds its inputs:
 * one line per output array, {@code NAME fields... gridX gridY blockX | raw bits...}.
 */
final class EmulatedOutput {

    private EmulatedOutput() {
    }

    /** One output line. */
    record Line(String name, int[] fields, int gridX, int gridY, int blockX, String[] values) {

        static Line parse(String[] l) {
            int bar = Arrays.asList(l).indexOf("|");
            int[] numbers = Arrays.stream(l, 1, bar).mapToInt(Integer::parseInt).toArray();
            int n = numbers.length;
            return new Line(l[0], Arrays.copyOf(numbers, n - 3), numbers[n - 3], numbers[n - 2], numbers[n - 1],
                    Arrays.copyOfRange(l, bar + 1, l.length));
        }

        String at() {
            return name + " " + Arrays.toString(fields);
        }

        /** The values (raw bits) as a tensor of {@code dtype} and {@code shape}. */
        Tensor tensor(DType dtype, int... shape) {
            return switch (dtype) {
                case FLOAT32 -> {
                    float[] v = new float[values.length];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = Float.intBitsToFloat(Integer.parseUnsignedInt(values[i]));
                    }
                    yield Tensor.of(v, shape);
                }
                case FLOAT64 -> {
                    double[] v = new double[values.length];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = Double.longBitsToDouble(Long.parseUnsignedLong(values[i]));
                    }
                    yield Tensor.of(v, shape);
                }
                case INT64 -> Tensor.of(Arrays.stream(values).mapToLong(Long::parseUnsignedLong).toArray(), shape);
            };
        }

        void assertGeometry(LaunchGeometry expected) {
            assertEquals(expected.gridX(), gridX, at() + " grid x");
            assertEquals(expected.gridY(), gridY, at() + " grid y");
            assertEquals(expected.blockX(), blockX, at() + " block");
        }
    }

    /**
     * Builds {@code src/test/cuda/<source>} for the emulator, runs it with the threads of every block scheduled in
     * index order and again in reverse, and parses its lines. A kernel without races writes the same bits either
     * way, so every line must agree, except the {@code orderDependent} ones (atomic float sums, whose rounding
     * follows the order).
     */
    static List<Line> run(Path dir, String source, String... orderDependent) throws IOException, InterruptedException {
        Path exe = PtxResources.buildEmulatedProgram(dir, source);
        List<Line> forward = PtxResources.runEmulated(exe, false).stream().map(Line::parse).toList();
        List<Line> reverse = PtxResources.runEmulated(exe, true).stream().map(Line::parse).toList();
        assertEquals(forward.size(), reverse.size(), source + ": lines in either thread order");
        for (int i = 0; i < forward.size(); i++) {
            Line f = forward.get(i);
            Line r = reverse.get(i);
            assertEquals(f.at(), r.at(), source + ": line " + i);
            if (!Arrays.asList(orderDependent).contains(f.name())) {
                assertArrayEquals(f.values(), r.values(), f.at() + " depends on the threads' order: a race");
            }
        }
        return forward;
    }

    /** The floating dtype of a {@code bits} field (32 or 64) that a host program printed. */
    static DType floatType(int bits) {
        return switch (bits) {
            case 32 -> DType.FLOAT32;
            case 64 -> DType.FLOAT64;
            default -> throw new IllegalArgumentException("no floating dtype of " + bits + " bits");
        };
    }

    static List<Line> named(List<Line> lines, String name) {
        List<Line> found = lines.stream().filter(l -> l.name().equals(name)).toList();
        assertTrue(found.size() > 0, "no " + name + " lines");
        return found;
    }

    /** The line named {@code name} with the same fields as {@code like}. */
    static Line sibling(List<Line> lines, String name, Line like) {
        return withFields(lines, name, like.fields());
    }

    /** The line named {@code name} with exactly these fields. */
    static Line withFields(List<Line> lines, String name, int... fields) {
        return named(lines, name).stream().filter(l -> Arrays.equals(l.fields(), fields)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " line with fields " + Arrays.toString(fields)));
    }

    /** Core's uniform fill on [low, high) with {@code seed}, as the host programs draw it (int64 truncates). */
    static Tensor uniform(DType dtype, long seed, double low, double high, int... shape) {
        int n = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = low + (high - low) * CounterRng.uniform(seed, i);
        }
        Tensor t = Tensor.of(v, shape);
        return dtype == DType.FLOAT64 ? t : t.to(dtype);
    }

    /** Equal lengths and |expected − actual| ≤ tolerance · max(1, |expected|) everywhere; NaN and ±∞ must match. */
    static void assertClose(Tensor expected, Tensor actual, double tolerance, String what) {
        double[] e = expected.toDoubleArray();
        double[] a = actual.toDoubleArray();
        assertEquals(e.length, a.length, what + ": length");
        for (int i = 0; i < e.length; i++) {
            if (Double.isFinite(e[i])) {
                assertEquals(e[i], a[i], tolerance * Math.max(1, Math.abs(e[i])), what + " [" + i + "]");
            } else {
                assertEquals(e[i], a[i], what + " [" + i + "]");
            }
        }
    }
}
