package dev.nabla.cuda;

import dev.nabla.backend.Strided;
import dev.nabla.backend.fast.ColumnLayout;
import dev.nabla.backend.fast.ConvGeometry;
import dev.nabla.backend.fast.ConvKernel;
import dev.nabla.backend.fast.Im2ColKernel;
import dev.nabla.backend.fast.ReferenceConv;
import java.util.Optional;

/**
 * Convolutions on a {@link CudaBackend}: cuDNN when it was found, else core's column lowering
 * ({@link ReferenceConv}) on the {@code im2col_T}/{@code col2im_T} kernels of this class and the backend's GEMM.
 */
final class CudaConvolution implements ConvKernel, Im2ColKernel {

    private final CudaBackend cuda;
    private Optional<CudnnConvolution> cudnnConvolution;

    CudaConvolution(CudaBackend cuda) {
        this.cuda = cuda;
    }

    @Override
    public void conv2d(Strided x, Strided w, ConvGeometry geometry, Strided out) {
        convolution(CudnnConvolution.Direction.FORWARD, geometry, x, w, out, out);
    }

    @Override
    public void conv2dBackwardData(Strided gradOut, Strided w, ConvGeometry geometry, Strided gradInput) {
        convolution(CudnnConvolution.Direction.BACKWARD_DATA, geometry, gradInput, w, gradOut, gradInput);
    }

    @Override
    public void conv2dBackwardFilter(Strided x, Strided gradOut, ConvGeometry geometry, Strided gradWeight) {
        convolution(CudnnConvolution.Direction.BACKWARD_FILTER, geometry, x, gradWeight, gradOut, gradWeight);
    }

    /**
     * One convolution direction over input {@code x}, weight {@code w} and output {@code y}, one of
     * which is {@code written} (dense, overwritten). Read operands that are not dense are copied first.
     */
    private void convolution(CudnnConvolution.Direction direction, ConvGeometry geometry, Strided x, Strided w,
            Strided y, Strided written) {
        if (written.numel() == 0) {
            return;
        }
        cuda.withScratch(scratch -> {
            if (x.numel() == 0 || w.numel() == 0 || y.numel() == 0) {
                cuda.fillDense(written, 0);
                return;
            }
            Optional<CudnnConvolution> library = cudnnConvolution();
            if (library.isEmpty() || !KernelNames.hasFloatKernels(written.dtype())) {
                ConvKernel reference = new ReferenceConv(cuda);
                switch (direction) {
                    case FORWARD -> reference.conv2d(x, w, geometry, y);
                    case BACKWARD_DATA -> reference.conv2dBackwardData(y, w, geometry, x);
                    case BACKWARD_FILTER -> reference.conv2dBackwardFilter(x, y, geometry, w);
                }
                return;
            }
            Strided dx = x == written ? x : scratch.dense(x);
            Strided dw = w == written ? w : scratch.dense(w);
            Strided dy = y == written ? y : scratch.dense(y);
            CudnnConvolution.Problem problem = new CudnnConvolution.Problem(written.dtype(), x.shape(), w.shape(),
                    y.shape(), geometry);
            library.get().run(direction, problem, cuda.address(dx), cuda.address(dw), cuda.address(dy), scratch::raw);
        });
    }

    private Optional<CudnnConvolution> cudnnConvolution() {
        if (cudnnConvolution == null) {
            cudnnConvolution = cuda.cudnn()
                    .map(h -> new CudnnConvolution(h, Boolean.getBoolean(GemmEngine.TF32_PROPERTY)));
        }
        return cudnnConvolution;
    }

    /** The {@code im2col_T} kernel: one thread per column entry. */
    @Override
    public void im2col(Strided x, ConvGeometry geometry, int kh, int kw, Strided cols) {
        columnKernel("im2col", x, geometry, kh, kw, cols, cols, x);
    }

    /** The {@code col2im_T} kernel: one thread per image element, summing its column entries (no atomics). */
    @Override
    public void col2im(Strided cols, ConvGeometry geometry, int kh, int kw, Strided gradInput) {
        columnKernel("col2im", gradInput, geometry, kh, kw, cols, gradInput, cols);
    }

    /**
     * One {@code family} launch between {@code image} and {@code cols}: {@code read} is made dense first,
     * {@code written} is written through a dense scratch when strided.
     */
    private void columnKernel(String family, Strided image, ConvGeometry geometry, int kh, int kw, Strided cols,
            Strided written, Strided read) {
        ColumnLayout layout = ColumnLayout.between(family, image, geometry, kh, kw, cols);
        if (!KernelNames.hasFloatKernels(cols.dtype())) {
            throw new IllegalArgumentException(family + ": no PTX kernel for " + cols.dtype());
        }
        if (written.numel() == 0) {
            return;
        }
        cuda.withScratch(scratch -> {
            Strided source = scratch.dense(read);
            cuda.writeDense(scratch, written, target -> cuda.launch(KernelCalls.columns(family, cols.dtype(), layout,
                    target.numel(), cuda.address(target), cuda.address(source))));
        });
    }
}
