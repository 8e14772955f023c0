package dev.nabla.cpu;

import dev.nabla.backend.BinaryOp;
import dev.nabla.backend.ReduceOp;
import dev.nabla.backend.Strided;
import dev.nabla.backend.UnaryOp;
import dev.nabla.backend.fast.FusedActivation;
import dev.nabla.cpu.kernels.ThreadBuffers;
import java.util.Arrays;

/**
 * {@code act(x + bias)} and its gradients over contiguous float32 operands viewed as
 * {@code [outer, channels, inner]}. The tensor is walked in runs that share one bias layout (a row
 * of all channels when {@code inner == 1}, else one channel's plane); each run goes through the
 * {@link FloatMath} loops the separate ops use while it is still in L1, so values match the
 * composed ops bit for bit with one pass over memory instead of two. Runs are split across threads;
 * the bias gradient is summed per channel in double, in a fixed order.
 */
final class CpuBiasActivation {

    /** Elements per parallel task: enough to outweigh a hand-off to the pool. */
    private static final int GRAIN_ELEMENTS = 1 << 14;
    /**
     * Per thread: a run of ones (refilled before use), a run of intermediate values, and a run of
     * zeros — that slot is never written, so it stays as allocated, all zeros, and needs no fill.
     */
    private static final ThreadBuffers SCRATCH = new ThreadBuffers(3);
    private static final int ONES = 0;
    private static final int WORK = 1;
    private static final int ZEROS = 2;

    private CpuBiasActivation() {
    }

    /** One run of {@code length} elements from element {@code start}; {@code channel} is -1 for a row of all channels. */
    @FunctionalInterface
    private interface RunBody {
        void run(int start, int length, int channel);
    }

    static void forward(Strided x, Strided bias, int inner, FusedActivation act, Strided out) {
        float[] in = (float[]) CpuBackend.data(x);
        float[] b = (float[]) CpuBackend.data(bias);
        float[] o = (float[]) CpuBackend.data(out);
        int xo = x.offset();
        int bo = bias.offset();
        int oo = out.offset();
        UnaryOp op = unaryOp(act);
        forEachRun(x.numel(), bias.numel(), inner, (start, n, channel) -> {
            if (channel < 0) {
                FloatMath.binary(BinaryOp.ADD, in, xo + start, b, bo, o, oo + start, n);
            } else {
                float shift = b[bo + channel];
                for (int i = 0; i < n; i++) {
                    o[oo + start + i] = in[xo + start + i] + shift;
                }
            }
            FloatMath.unary(op, o, oo + start, o, oo + start, n);
        });
    }

    static void backward(Strided y, Strided gradOut, int inner, FusedActivation act, Strided gradX,
            Strided gradBias) {
        float[] out = (float[]) CpuBackend.data(y);
        float[] g = (float[]) CpuBackend.data(gradOut);
        float[] gx = (float[]) CpuBackend.data(gradX);
        int yo = y.offset();
        int go = gradOut.offset();
        int xo = gradX.offset();
        int channels = gradBias.numel();
        forEachRun(y.numel(), channels, inner, (start, n, channel) -> {
            float[] work = SCRATCH.get(WORK, n);
            int ys = yo + start;
            int gs = go + start;
            int xs = xo + start;
            switch (act) {
                case RELU -> {
                    // g · (y > 0), the mask as 1 / 0 like the composed comparison
                    FloatMath.binary(BinaryOp.GT, out, ys, SCRATCH.get(ZEROS, n), 0, work, 0, n);
                    FloatMath.binary(BinaryOp.MUL, g, gs, work, 0, gx, xs, n);
                }
                case SIGMOID -> {
                    // (g · y) · (1 − y)
                    FloatMath.binary(BinaryOp.SUB, ones(n), 0, out, ys, work, 0, n);
                    FloatMath.binary(BinaryOp.MUL, g, gs, out, ys, gx, xs, n);
                    FloatMath.binary(BinaryOp.MUL, gx, xs, work, 0, gx, xs, n);
                }
                case TANH -> {
                    // g · (1 − y · y)
                    FloatMath.binary(BinaryOp.MUL, out, ys, out, ys, work, 0, n);
                    FloatMath.binary(BinaryOp.SUB, ones(n), 0, work, 0, work, 0, n);
                    FloatMath.binary(BinaryOp.MUL, g, gs, work, 0, gx, xs, n);
                }
            }
        });
        sumPerChannel(gradX, y.numel(), channels, inner, gradBias);
    }

    /** This thread's run of {@code n} ones. */
    private static float[] ones(int n) {
        float[] ones = SCRATCH.get(ONES, n);
        Arrays.fill(ones, 0, n, 1f);
        return ones;
    }

    /**
     * {@code sums[c] = Σ values[o, c, i]}, accumulated in double over o then i. A Linear layer's rows
     * ({@code inner == 1}) go to the shared {@link Reducer}, whose column runs read them front to back; channel
     * planes are summed one channel per task, which keeps a convolution's few long sums parallel.
     */
    private static void sumPerChannel(Strided gradX, int numel, int channels, int inner, Strided gradBias) {
        int outer = numel / (channels * inner);
        if (inner == 1) {
            int[] rows = {outer, channels};
            int[] sum = {1, channels};
            Reducer.reduce(ReduceOp.SUM, new Strided(gradX.storage(), rows, Strided.contiguousStrides(rows), gradX.offset()),
                    new Strided(gradBias.storage(), sum, Strided.contiguousStrides(sum), gradBias.offset()));
            return;
        }
        float[] values = (float[]) CpuBackend.data(gradX);
        float[] sums = (float[]) CpuBackend.data(gradBias);
        int offset = gradX.offset();
        int so = gradBias.offset();
        Parallel.forRange(channels, Math.max(1, GRAIN_ELEMENTS / Math.max(1, numel / channels)), (from, to) -> {
            for (int c = from; c < to; c++) {
                double s = 0;
                for (int o = 0; o < outer; o++) {
                    int at = offset + (o * channels + c) * inner;
                    for (int i = 0; i < inner; i++) {
                        s += values[at + i];
                    }
                }
                sums[so + c] = (float) s;
            }
        });
    }

    private static void forEachRun(int numel, int channels, int inner, RunBody body) {
        int run = inner == 1 ? channels : inner;
        Parallel.forRange(numel / run, Math.max(1, GRAIN_ELEMENTS / run), (from, to) -> {
            for (int r = from; r < to; r++) {
                body.run(r * run, run, inner == 1 ? -1 : r % channels);
            }
        });
    }

    private static UnaryOp unaryOp(FusedActivation act) {
        return switch (act) {
            case RELU -> UnaryOp.RELU;
            case SIGMOID -> UnaryOp.SIGMOID;
            case TANH -> UnaryOp.TANH;
        };
    }
}
