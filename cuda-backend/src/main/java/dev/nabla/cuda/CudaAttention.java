package dev.nabla.cuda;

import dev.nabla.DType;
import dev.nabla.backend.Strided;
import dev.nabla.backend.fast.AttentionBackwardKernel;
import dev.nabla.backend.fast.AttentionKernel;
import java.util.Optional;

/**
 * Scaled-dot-product attention on a {@link CudaBackend} through the flash-style kernels (no {@code Lq×Lk} matrix in
 * global memory). Outside the kernels' limits ({@link AttentionRoute}) the forward runs on the CPU through
 * {@link HostFallback}, and the backward declines, so core composes it.
 */
final class CudaAttention implements AttentionKernel, AttentionBackwardKernel {

    private final CudaBackend cuda;

    CudaAttention(CudaBackend cuda) {
        this.cuda = cuda;
    }

    @Override
    public void attentionForward(Strided q, Strided k, Strided v, Strided keep, boolean causal, double scale,
            Strided out, Strided logsumexp) {
        if (out.numel() == 0) {
            return;
        }
        Optional<String> whyNot = AttentionRoute.whyNotPtx(q.dtype(), q.shape()[1], k.shape()[1], q.shape()[2],
                v.shape()[2]);
        if (whyNot.isEmpty()) {
            cuda.submit(KernelCalls.attentionForward(problem(q, k, keep, causal, scale), cuda.address(out),
                    cuda.address(logsumexp), cuda.address(q), cuda.address(k), cuda.address(v)));
            return;
        }
        HostFallback host = cuda.host();
        Strided[] inputs = keep == null ? new Strided[] {q, k, v} : new Strided[] {q, k, v, keep};
        cuda.locked(() -> host.run("attention", whyNot.get(), inputs, new Strided[] {out, logsumexp},
                x -> host.cpu().fastPath(AttentionKernel.class).orElseThrow().attentionForward(x[0], x[1], x[2],
                        keep == null ? null : x[3], causal, scale, x[inputs.length], x[inputs.length + 1])));
    }

    /** The PTX backward kernels, unless switched off ({@link AttentionRoute#BACKWARD_PROPERTY}) or outside their limits. */
    @Override
    public boolean attentionBackward(Strided q, Strided k, Strided v, Strided keep, Strided out, Strided logsumexp,
            Strided gradOut, boolean causal, double scale, Strided gradQ, Strided gradK, Strided gradV) {
        int batch = q.shape()[0];
        int lq = q.shape()[1];
        if (AttentionRoute.whyNotPtxBackward(AttentionRoute.backwardEnabled(), q.dtype(), lq, k.shape()[1],
                q.shape()[2], v.shape()[2]).isPresent() || batch == 0) {
            return false;
        }
        AttentionProblem problem = problem(q, k, keep, causal, scale);
        cuda.withScratch(scratch -> {
            Strided delta = scratch.dense(DType.FLOAT32, new int[] {batch * lq});
            cuda.launch(KernelCalls.attentionBackwardDelta(batch * lq, problem.d(), cuda.address(delta),
                    cuda.address(out), cuda.address(gradOut)));
            long[] inputs = {cuda.address(q), cuda.address(k), cuda.address(v), cuda.address(gradOut),
                cuda.address(logsumexp), cuda.address(delta)};
            cuda.launch(KernelCalls.attentionBackwardDq(problem, cuda.address(gradQ), inputs));
            cuda.launch(KernelCalls.attentionBackwardDkDv(problem, cuda.address(gradK), cuda.address(gradV), inputs));
        });
        return true;
    }

    private AttentionProblem problem(Strided q, Strided k, Strided keep, boolean causal, double scale) {
        return AttentionProblem.of(q, k, keep, cuda.addressOrZero(keep), causal, scale);
    }
}
