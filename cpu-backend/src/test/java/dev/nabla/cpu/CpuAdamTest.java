package dev.nabla.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.DType;
import dev.nabla.backend.Strided;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fused Adam update: float32 (computed in float) against float64 on the same values over several steps,
 * and float32 operands at different storage offsets against the same operands at offset 0, bit for bit.
 */
class CpuAdamTest {

    private static final CpuBackend CPU = CpuBackend.INSTANCE;
    private static final int N = 5000;

    private static Strided at(Object data, int offset) {
        return new Strided(CPU.upload(data), new int[] {N}, new int[] {1}, offset);
    }

    /** Five updates of {p, m, v} with the gradients {@code grads[t]}, held at {@code gradOffset} in the dtype of p. */
    private static void run(Strided[] state, float[][] grads, int gradOffset) {
        boolean doubles = state[0].storage().dtype() == DType.FLOAT64;
        for (int t = 1; t <= grads.length; t++) {
            Object g = doubles ? new double[gradOffset + N] : new float[gradOffset + N];
            for (int i = 0; i < N; i++) {
                if (doubles) {
                    ((double[]) g)[gradOffset + i] = grads[t - 1][i];
                } else {
                    ((float[]) g)[gradOffset + i] = grads[t - 1][i];
                }
            }
            CPU.adamStep(state[0], state[1], state[2], at(g, gradOffset), 1e-2, 0.9, 0.999, 1e-8, 1 - Math.pow(0.9, t),
                    1 - Math.pow(0.999, t));
        }
    }

    @Test
    void float32FollowsFloat64AndIgnoresOffsets() {
        Random r = new Random(8);
        float[][] grads = new float[5][N];
        float[] start = new float[N];
        double[] startD = new double[N];
        float[] startAt3 = new float[N + 3];
        for (int i = 0; i < N; i++) {
            for (float[] g : grads) {
                g[i] = (float) r.nextGaussian();
            }
            start[i] = (float) r.nextGaussian();
            startD[i] = start[i];
            startAt3[3 + i] = start[i];
        }
        Strided[] f32 = {at(start, 0), at(new float[N], 0), at(new float[N], 0)};
        Strided[] f64 = {at(startD, 0), at(new double[N], 0), at(new double[N], 0)};
        Strided[] shifted = {at(startAt3, 3), at(new float[N + 4], 4), at(new float[N + 5], 5)};
        run(f32, grads, 0);
        run(f64, grads, 0);
        run(shifted, grads, 6);
        float[] p32 = (float[]) CPU.download(f32[0]);
        double[] p64 = (double[]) CPU.download(f64[0]);
        for (int i = 0; i < N; i++) {
            assertEquals(p64[i], p32[i], 1e-6 * Math.max(1, Math.abs(p64[i])), "parameter " + i);
        }
        assertArrayEquals(p32, (float[]) CPU.download(shifted[0]), 0f, "operands at offsets 3, 4, 5 and 6");
    }
}
