package dev.nabla.cuda;

import dev.nabla.DType;
import dev.nabla.kernels.LaunchGeometry;
import java.util.Optional;

/**
 * Whether the attention kernels honour core's {@code AttentionKernel} contract for a call: they compute in
 * float32 only and need one head dimension for q, k and v, at most 128 (keep-masks of any strides and the
 * end-aligned causal rule they take as given). Other forward calls run on the host; the backward kernels share
 * these limits and are declined (core's Tensor-op gradients) outside them.
 */
final class AttentionRoute {

    private AttentionRoute() {
    }

    /**
     * The system property that switches the attention backward kernels off ({@code false}); core then computes
     * the gradients from Tensor ops (cuBLAS and the softmax kernels), holding the {@code Lq × Lk} probabilities.
     */
    static final String BACKWARD_PROPERTY = "nabla.cuda.attentionBackward";

    /** Whether the backward kernels are on: unless {@link #BACKWARD_PROPERTY} says {@code false}. */
    static boolean backwardEnabled() {
        return Boolean.parseBoolean(System.getProperty(BACKWARD_PROPERTY, "true"));
    }

    /** Empty when the PTX backward kernels serve the call, else the reason they cannot. */
    static Optional<String> whyNotPtxBackward(boolean enabled, DType dtype, int lq, int lk, int d, int dv) {
        if (!enabled) {
            return Optional.of("the attention backward kernels are switched off (-D" + BACKWARD_PROPERTY + "=false)");
        }
        return whyNotPtx(dtype, lq, lk, d, dv);
    }

    /** Empty when the PTX kernels serve the call, else the reason they cannot. */
    static Optional<String> whyNotPtx(DType dtype, int lq, int lk, int d, int dv) {
        if (dtype != DType.FLOAT32) {
            return Optional.of("the attention kernel is float32 only, got " + dtype);
        }
        if (d != dv) {
            return Optional.of("the attention kernel needs equal head dimensions for q/k and v, got " + d + " and " + dv);
        }
        if (d < 1 || d > LaunchGeometry.ATTENTION_MAX_HEAD_DIM) {
            return Optional.of("head dimension " + d + " outside 1.." + LaunchGeometry.ATTENTION_MAX_HEAD_DIM);
        }
        if (lq < 1 || lk < 1) {
            return Optional.of("empty query or key sequence");
        }
        return Optional.empty();
    }
}
