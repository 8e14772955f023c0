package dev.nabla.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.DType;
import dev.nabla.backend.Strided;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The float32 LSTM cell ({@link FloatLstmCell}) against the float64 one on the same values, forward and
 * backward, with operands at storage offsets and a batch large enough to split across threads.
 */
class FloatLstmCellTest {

    private static final CpuBackend CPU = CpuBackend.INSTANCE;
    private static final int BATCH = 9;
    private static final int HIDDEN = 37;

    /** The same random values as a float32 and a float64 view of {@code shape}, each at storage offset 5. */
    private static Strided[] pair(Random r, double scale, int... shape) {
        int n = shape[0] * shape[1];
        float[] f = new float[n + 5];
        double[] d = new double[n + 5];
        for (int i = 5; i < n + 5; i++) {
            f[i] = (float) (r.nextGaussian() * scale);
            d[i] = f[i];
        }
        int[] strides = Strided.contiguousStrides(shape);
        return new Strided[] {new Strided(CPU.upload(f), shape, strides, 5), new Strided(CPU.upload(d), shape, strides, 5)};
    }

    private static void assertClose(Strided f32, Strided f64, String what) {
        float[] f = (float[]) CPU.download(f32);
        double[] d = (double[]) CPU.download(f64);
        for (int i = 0; i < f.length; i++) {
            assertEquals(d[i], f[i], 2e-6 * Math.max(1, Math.abs(d[i])), what + " at " + i);
        }
    }

    @Test
    void forwardAndBackwardMatchTheFloat64Cell() {
        Random r = new Random(3);
        Strided[] gates = pair(r, 3, BATCH, 4 * HIDDEN);
        Strided[] c = pair(r, 2, BATCH, HIDDEN);
        Strided[] grad = pair(r, 1, BATCH, 2 * HIDDEN);
        Strided[] hc = pair(r, 0, BATCH, 2 * HIDDEN);
        Strided[] gradGates = pair(r, 0, BATCH, 4 * HIDDEN);
        Strided[] gradC = pair(r, 0, BATCH, HIDDEN);
        for (int k = 0; k < 2; k++) {
            CPU.lstmCellForward(gates[k], c[k], hc[k]);
            CPU.lstmCellBackward(gates[k], c[k], hc[k], grad[k], gradGates[k], gradC[k]);
        }
        assertEquals(DType.FLOAT32, hc[0].storage().dtype());
        assertClose(hc[0], hc[1], "[h | c']");
        assertClose(gradGates[0], gradGates[1], "gate gradients");
        assertClose(gradC[0], gradC[1], "cell-state gradient");
    }
}
