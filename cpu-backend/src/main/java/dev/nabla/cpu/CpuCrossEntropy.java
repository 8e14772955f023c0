package dev.nabla.cpu;

import dev.nabla.backend.Strided;
import java.util.Arrays;

/**
 * Cross-entropy of contiguous logits {@code [N, C]} against INT64 targets, one row at a time in double precision:
 * the row's logsumexp (max-shifted) and the pick forward, softmax minus one-hot backward. Rows are split across
 * threads.
 */
final class CpuCrossEntropy {

    private static final int ROW_GRAIN = 16;

    private CpuCrossEntropy() {
    }

    static void forward(Strided logits, Strided target, long ignoreIndex, Strided loss, Strided logsumexp) {
        int rows = logits.shape()[0];
        int classes = logits.shape()[1];
        Object in = CpuBackend.data(logits);
        long[] targets = (long[]) CpuBackend.data(target);
        Object losses = CpuBackend.data(loss);
        Object lses = CpuBackend.data(logsumexp);
        Parallel.forRange(rows, ROW_GRAIN, (from, to) -> {
            double[] row = new double[classes];
            double[] result = new double[2];
            for (int r = from; r < to; r++) {
                Blocks.load(in, logits.offset() + r * classes, 1, row, classes);
                long t = targets[target.offset() + r * target.strides()[0]];
                double shift = DoubleMath.expShift(row, classes);
                double lse = shift + Math.log(DoubleMath.sumExp(row, classes, shift));
                result[0] = t == ignoreIndex ? 0 : lse - row[(int) t];
                result[1] = lse;
                Blocks.store(result, 0, 1, losses, loss.offset() + r, 1);
                Blocks.store(result, 1, 1, lses, logsumexp.offset() + r, 1);
            }
        });
    }

    static void backward(Strided logits, Strided logsumexp, Strided target, long ignoreIndex, Strided gradLoss,
            Strided gradLogits) {
        int rows = logits.shape()[0];
        int classes = logits.shape()[1];
        Object in = CpuBackend.data(logits);
        long[] targets = (long[]) CpuBackend.data(target);
        Object lses = CpuBackend.data(logsumexp);
        Object grads = CpuBackend.data(gradLoss);
        Object out = CpuBackend.data(gradLogits);
        Parallel.forRange(rows, ROW_GRAIN, (from, to) -> {
            double[] row = new double[classes];
            double[] scalars = new double[2];
            for (int r = from; r < to; r++) {
                long t = targets[target.offset() + r * target.strides()[0]];
                if (t == ignoreIndex) {
                    Arrays.fill(row, 0);
                } else {
                    Blocks.load(in, logits.offset() + r * classes, 1, row, classes);
                    Blocks.load(lses, logsumexp.offset() + r, 1, scalars, 0, 1);
                    Blocks.load(grads, gradLoss.offset() + r, 1, scalars, 1, 1);
                    for (int c = 0; c < classes; c++) {
                        row[c] = scalars[1] * (Math.exp(row[c] - scalars[0]) - (c == t ? 1 : 0));
                    }
                }
                Blocks.store(row, classes, out, gradLogits.offset() + r * classes, 1);
            }
        });
    }
}
