package dev.nabla.cuda;

import dev.nabla.backend.Strided;
import dev.nabla.backend.fast.AdamKernel;
import dev.nabla.backend.fast.BiasActivationKernel;
import dev.nabla.backend.fast.FusedActivation;
import dev.nabla.backend.fast.GruCellKernel;
import dev.nabla.backend.fast.LstmCellKernel;

/**
 * The pointwise fused kernels on a {@link CudaBackend}: the Adam update, the LSTM and GRU cell equations and
 * bias plus activation, each one launch over dense operands instead of a chain of elementwise primitives.
 * Empty operands launch nothing.
 */
final class CudaPointwiseKernels implements AdamKernel, LstmCellKernel, GruCellKernel, BiasActivationKernel {

    private final CudaBackend cuda;

    CudaPointwiseKernels(CudaBackend cuda) {
        this.cuda = cuda;
    }

    @Override
    public void adamStep(Strided param, Strided expAvg, Strided expAvgSq, Strided grad, double lr, double beta1,
            double beta2, double eps, double bias1, double bias2) {
        if (param.numel() > 0) {
            cuda.submit(KernelCalls.adam(param.dtype(), param.numel(), cuda.address(param), cuda.address(expAvg),
                    cuda.address(expAvgSq), cuda.address(grad), lr, beta1, beta2, eps, bias1, bias2));
        }
    }

    @Override
    public void lstmCellForward(Strided gates, Strided c, Strided hc) {
        if (c.numel() > 0) {
            cuda.submit(KernelCalls.lstmCellForward(c.dtype(), c.shape()[0], c.shape()[1], cuda.address(hc),
                    cuda.address(gates), cuda.address(c)));
        }
    }

    @Override
    public void lstmCellBackward(Strided gates, Strided c, Strided hc, Strided gradHc, Strided gradGates,
            Strided gradC) {
        if (c.numel() > 0) {
            cuda.submit(KernelCalls.lstmCellBackward(c.dtype(), c.shape()[0], c.shape()[1], cuda.address(gradGates),
                    cuda.address(gradC), cuda.address(gates), cuda.address(c), cuda.address(hc), cuda.address(gradHc)));
        }
    }

    @Override
    public void gruCellForward(Strided xProj, Strided hProj, Strided h, Strided hNew) {
        if (h.numel() > 0) {
            cuda.submit(KernelCalls.gruCellForward(h.dtype(), h.shape()[0], h.shape()[1], cuda.address(hNew),
                    cuda.address(xProj), cuda.address(hProj), cuda.address(h)));
        }
    }

    @Override
    public void gruCellBackward(Strided xProj, Strided hProj, Strided h, Strided gradHNew, Strided gradXProj,
            Strided gradHProj, Strided gradH) {
        if (h.numel() > 0) {
            cuda.submit(KernelCalls.gruCellBackward(h.dtype(), h.shape()[0], h.shape()[1],
                    new long[] {cuda.address(gradXProj), cuda.address(gradHProj), cuda.address(gradH)},
                    new long[] {cuda.address(xProj), cuda.address(hProj), cuda.address(h), cuda.address(gradHNew)}));
        }
    }

    @Override
    public void biasActivation(Strided x, Strided bias, int inner, FusedActivation act, Strided out) {
        if (x.numel() > 0) {
            cuda.submit(KernelCalls.biasActivation(x.numel(), bias.numel(), inner, act, cuda.address(out),
                    cuda.address(x), cuda.address(bias)));
        }
    }

    /** The activation's gradient into {@code gradX}, then the bias gradient summed from it. */
    @Override
    public void biasActivationBackward(Strided y, Strided gradOut, int inner, FusedActivation act, Strided gradX,
            Strided gradBias) {
        if (y.numel() == 0) {
            return;
        }
        int channels = gradBias.numel();
        cuda.submit(KernelCalls.biasActivationBackward(y.numel(), act, cuda.address(gradX), cuda.address(y),
                cuda.address(gradOut)));
        cuda.submit(KernelCalls.biasGrad(y.numel() / (channels * inner), channels, inner, cuda.address(gradBias),
                cuda.address(gradX)));
    }
}
