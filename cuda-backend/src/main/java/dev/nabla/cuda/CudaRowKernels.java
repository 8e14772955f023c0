package dev.nabla.cuda;

import dev.nabla.backend.Strided;
import dev.nabla.backend.fast.CrossEntropyKernel;
import dev.nabla.backend.fast.LayerNormKernel;
import dev.nabla.backend.fast.SoftmaxKernel;

/**
 * The row-wise fused kernels on a {@link CudaBackend}: softmax and log-softmax, layer norm and cross-entropy,
 * one warp-level pass over each row of the last dimension.
 */
final class CudaRowKernels implements SoftmaxKernel, LayerNormKernel, CrossEntropyKernel {

    private final CudaBackend cuda;

    CudaRowKernels(CudaBackend cuda) {
        this.cuda = cuda;
    }

    @Override
    public void softmax(Strided x, boolean log, Strided out) {
        int cols = lastDim(x);
        cuda.submit(KernelCalls.softmaxForward(x.dtype(), x.numel() / cols, cols, log, cuda.address(out),
                cuda.address(x)));
    }

    @Override
    public void softmaxBackward(Strided y, Strided gradOut, boolean log, Strided gradInput) {
        int cols = lastDim(y);
        cuda.submit(KernelCalls.softmaxBackward(y.dtype(), y.numel() / cols, cols, log, cuda.address(gradInput),
                cuda.address(y), cuda.address(gradOut)));
    }

    @Override
    public void layerNorm(Strided x, Strided gamma, Strided beta, double eps, Strided out, Strided mean, Strided rstd) {
        int cols = lastDim(x);
        cuda.submit(KernelCalls.layerNormForward(x.dtype(), x.numel() / cols, cols, eps, cuda.address(out),
                cuda.address(mean), cuda.address(rstd), cuda.address(x), cuda.addressOrZero(gamma),
                cuda.addressOrZero(beta)));
    }

    @Override
    public void layerNormBackward(Strided x, Strided mean, Strided rstd, Strided gamma, Strided gradOut,
            Strided gradInput) {
        int cols = lastDim(x);
        cuda.submit(KernelCalls.layerNormBackward(x.dtype(), x.numel() / cols, cols, cuda.address(gradInput),
                cuda.address(gradOut), cuda.address(x), cuda.address(mean), cuda.address(rstd),
                cuda.addressOrZero(gamma)));
    }

    @Override
    public void layerNormParamsBackward(Strided x, Strided mean, Strided rstd, Strided gradOut, Strided gradGamma,
            Strided gradBeta) {
        int cols = lastDim(x);
        cuda.submit(KernelCalls.layerNormParamsBackward(x.dtype(), x.numel() / cols, cols,
                cuda.addressOrZero(gradGamma), cuda.addressOrZero(gradBeta), cuda.address(gradOut), cuda.address(x),
                cuda.address(mean), cuda.address(rstd)));
    }

    /** Declines (core composes the loss) for INT64 logits, an ignore index beyond int32 or a zero-stride target. */
    @Override
    public boolean crossEntropyForward(Strided logits, Strided target, long ignoreIndex, Strided loss,
            Strided logsumexp) {
        int rows = logits.shape()[0];
        int classes = logits.shape()[1];
        if (!KernelNames.hasFloatKernels(logits.dtype()) || ignoreIndex != (int) ignoreIndex || rows == 0 || classes == 0
                || target.strides()[0] < 1) {
            return false;
        }
        cuda.withScratch(scratch -> cuda.launch(KernelCalls.crossEntropyForward(logits.dtype(), rows, classes,
                (int) ignoreIndex, cuda.address(loss), cuda.address(logsumexp), cuda.address(logits),
                rowTargets(scratch, target, rows))));
        return true;
    }

    @Override
    public void crossEntropyBackward(Strided logits, Strided logsumexp, Strided target, long ignoreIndex,
            Strided gradLoss, Strided gradLogits) {
        int rows = logits.shape()[0];
        int classes = logits.shape()[1];
        cuda.withScratch(scratch -> cuda.launch(KernelCalls.crossEntropyBackward(logits.dtype(), rows, classes,
                (int) ignoreIndex, cuda.address(gradLogits), cuda.address(logits), cuda.address(logsumexp),
                rowTargets(scratch, target, rows), cuda.address(gradLoss))));
    }

    /** The INT64 class index of each row as a dense int32 scratch array. */
    private long rowTargets(DeviceScratch scratch, Strided target, int rows) {
        return cuda.narrowIndices(scratch, target, target.strides()[0], rows);
    }

    private static int lastDim(Strided rows) {
        return rows.shape()[rows.rank() - 1];
    }
}
