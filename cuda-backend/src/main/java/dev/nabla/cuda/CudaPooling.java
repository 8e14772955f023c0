package dev.nabla.cuda;

import dev.nabla.backend.Strided;
import dev.nabla.backend.fast.PoolGeometry;
import dev.nabla.backend.fast.PoolKernel;

/**
 * Max and average pooling on a {@link CudaBackend} through the {@code maxpool2d_*}/{@code avgpool2d_*} kernels
 * (any {@link PoolGeometry}: floor or ceil mode, dilated max pooling), which read dense operands (strided ones are
 * copied first); max pooling keeps int32 window positions on the device and widens them into core's INT64 indices.
 */
final class CudaPooling implements PoolKernel {

    private final CudaBackend cuda;

    CudaPooling(CudaBackend cuda) {
        this.cuda = cuda;
    }

    @Override
    public void maxPool2d(Strided x, PoolGeometry geometry, Strided out, Strided indices) {
        if (out.numel() == 0) {
            return;
        }
        cuda.withScratch(scratch -> {
            long argmax = scratch.raw(4L * out.numel());
            cuda.launch(KernelCalls.pool("maxpool2d_forward", x.dtype(), x.shape(), geometry, out.numel(),
                    new long[] {cuda.address(out), argmax, cuda.address(scratch.dense(x))}, null));
            // every window reads at least one input cell (core's PoolOps rejects others), so the positions are >= 0
            cuda.fillDense(indices, 0);
            cuda.pitchedCopy(PitchedCopy.widen(out.numel()), argmax, cuda.address(indices));
        });
    }

    @Override
    public void maxPool2dBackward(Strided gradOut, Strided indices, PoolGeometry geometry, Strided gradInput) {
        if (gradInput.numel() == 0) {
            return;
        }
        cuda.withScratch(scratch -> {
            Strided positions = scratch.dense(indices);
            long argmax = scratch.raw(4L * positions.numel());
            cuda.pitchedCopy(PitchedCopy.narrow(1, positions.numel()), cuda.address(positions), argmax);
            cuda.launch(KernelCalls.pool("maxpool2d_backward", gradOut.dtype(), gradInput.shape(), geometry,
                    gradInput.numel(), new long[] {cuda.address(gradInput), cuda.address(scratch.dense(gradOut)),
                        argmax}, null));
        });
    }

    @Override
    public void avgPool2d(Strided x, PoolGeometry geometry, boolean countIncludePad, Strided out) {
        averagePool("avgpool2d_forward", x, x.shape(), geometry, countIncludePad, out);
    }

    @Override
    public void avgPool2dBackward(Strided gradOut, PoolGeometry geometry, boolean countIncludePad, Strided gradInput) {
        averagePool("avgpool2d_backward", gradOut, gradInput.shape(), geometry, countIncludePad, gradInput);
    }

    /** One average-pooling kernel reading {@code read} and overwriting {@code written}. */
    private void averagePool(String family, Strided read, int[] inputShape, PoolGeometry geometry,
            boolean countIncludePad, Strided written) {
        if (written.numel() == 0) {
            return;
        }
        cuda.withScratch(scratch -> cuda.launch(KernelCalls.pool(family, read.dtype(), inputShape, geometry,
                written.numel(), new long[] {cuda.address(written), cuda.address(scratch.dense(read))},
                countIncludePad)));
    }
}
