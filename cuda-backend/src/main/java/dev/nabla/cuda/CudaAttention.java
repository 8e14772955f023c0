package dev.nabla.cuda;

import dev.nabla.DType;
import dev.nabla.backend.Strided;
import dev.nabla.backend.fast.AttentionBackwardKernel;
import dev.nabla.backend.fast.AttentionKernel;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scaled-dot-product attention on a {@link CudaBackend} through the flash-style kernels (no {@code Lq×Lk} matrix in
 * global memory). Outside the kernels' limits ({@link AttentionRoute}) both passes decline, so core composes them
 * from Tensor ops on the GPU (cuBLAS products and the reduction kernels): a copy of every operand to the host and
 * back, on each call, would cost far more than the {@code Lq×Lk} scores.
 */
final class CudaAttention implements AttentionKernel, AttentionBackwardKernel {

    private static final Logger LOG = LoggerFactory.getLogger(CudaAttention.class);

    private final CudaBackend cuda;
    private final Consumer<String> notices;
    private final Set<String> declined = ConcurrentHashMap.newKeySet();

    CudaAttention(CudaBackend cuda) {
        this(cuda, notice -> LOG.info("attention composed from Tensor ops on the GPU: {}", notice));
    }

    /** @param notices receives each reason for declining once (tests without a GPU keep them out of the log) */
    CudaAttention(CudaBackend cuda, Consumer<String> notices) {
        this.cuda = cuda;
        this.notices = notices;
    }

    /** The PTX forward kernel, or a refusal outside its limits, logged once per reason. */
    @Override
    public boolean attentionForward(Strided q, Strided k, Strided v, Strided keep, boolean causal, double scale,
            Strided out, Strided logsumexp) {
        Optional<String> whyNot = AttentionRoute.whyNotPtx(q.dtype(), q.shape()[1], k.shape()[1], q.shape()[2],
                v.shape()[2]);
        if (whyNot.isPresent()) {
            if (declined.add(whyNot.get())) {
                notices.accept(whyNot.get());
            }
            return false;
        }
        cuda.submit(KernelCalls.attentionForward(problem(q, k, keep, causal, scale), cuda.address(out),
                cuda.address(logsumexp), cuda.address(q), cuda.address(k), cuda.address(v)));
        return true;
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
