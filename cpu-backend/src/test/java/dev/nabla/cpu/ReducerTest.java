package dev.nabla.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.DType;
import dev.nabla.backend.ReduceOp;
import dev.nabla.backend.Strided;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Reductions whose kept values are adjacent (sums over rows, read run by run) and whose reduced values are
 * adjacent (sums along rows), in float32 and float64, against the plain sequential double accumulation in
 * row-major order of the reduced elements, rounded once: results must match it bit for bit, NaNs included.
 */
class ReducerTest {

    private static final CpuBackend CPU = CpuBackend.INSTANCE;

    private static Strided input(DType dtype, double[] values, int[] shape, int[] strides) {
        Strided all = new Strided(CPU.upload(values), new int[] {values.length}, new int[] {1}, 0);
        Strided typed = Strided.contiguous(CPU.allocate(dtype, values.length), new int[] {values.length});
        CPU.copy(all, typed);
        return new Strided(typed.storage(), shape, strides, 0);
    }

    /** [A, B, C] reduced over {@code over} (0/1 per dim), element (a, b, c) read at a·sa + b·sb + c·sc. */
    private static void check(DType dtype, ReduceOp op, int[] shape, int[] strides, int[] over, double[] v) {
        Strided x = input(dtype, v, shape, strides);
        int[] outShape = {over[0] == 1 ? 1 : shape[0], over[1] == 1 ? 1 : shape[1], over[2] == 1 ? 1 : shape[2]};
        Strided out = Strided.contiguous(CPU.allocate(dtype, outShape[0] * outShape[1] * outShape[2]), outShape);
        CPU.reduce(op, x, out);
        Strided asDouble = Strided.contiguous(CPU.allocate(DType.FLOAT64, out.numel()), outShape);
        CPU.copy(out, asDouble);
        double[] got = (double[]) CPU.download(asDouble);
        double[] expected = new double[got.length];
        java.util.Arrays.fill(expected, op == ReduceOp.SUM ? 0 : op == ReduceOp.MAX ? Double.NEGATIVE_INFINITY
                : Double.POSITIVE_INFINITY);
        // every element once, in row-major order: each output sees its values in that order
        for (int a = 0; a < shape[0]; a++) {
            for (int b = 0; b < shape[1]; b++) {
                for (int c = 0; c < shape[2]; c++) {
                    double e = v[a * strides[0] + b * strides[1] + c * strides[2]];
                    e = dtype == DType.FLOAT32 ? (float) e : e;
                    int at = ((over[0] == 1 ? 0 : a) * outShape[1] + (over[1] == 1 ? 0 : b)) * outShape[2]
                            + (over[2] == 1 ? 0 : c);
                    double acc = expected[at];
                    expected[at] = switch (op) {
                        case SUM -> acc + e;
                        case MAX -> e > acc || Double.isNaN(e) ? e : acc;
                        case MIN -> e < acc || Double.isNaN(e) ? e : acc;
                    };
                }
            }
        }
        for (int i = 0; i < got.length; i++) {
            double want = dtype == DType.FLOAT32 ? (float) expected[i] : expected[i];
            assertEquals(want, got[i], 0, dtype + " " + op + " over " + java.util.Arrays.toString(over) + " output " + i);
        }
    }

    @Test
    void columnAndRowReductionsEqualTheSequentialSum() {
        Random r = new Random(4);
        int[] shape = {3, 40, 300};
        double[] v = new double[3 * 40 * 300];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian() * Math.exp(r.nextGaussian() * 4);
        }
        v[5 * 300 + 17] = Double.NaN;
        int[] rowMajor = {40 * 300, 300, 1};
        int[] transposed = {1, 3, 3 * 40};
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            for (ReduceOp op : ReduceOp.values()) {
                for (int[] over : new int[][] {{0, 1, 0}, {1, 1, 0}, {1, 0, 0}, {0, 0, 1}, {1, 1, 1}, {0, 1, 1}}) {
                    check(dtype, op, shape, rowMajor, over, v);
                    check(dtype, op, shape, transposed, over, v);
                }
            }
        }
    }
}
