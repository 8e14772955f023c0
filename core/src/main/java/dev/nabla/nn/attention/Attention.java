package dev.nabla.nn.attention;

import dev.nabla.DType;
import dev.nabla.Shape;
import dev.nabla.Tensor;
import dev.nabla.autograd.GradMode;
import dev.nabla.autograd.Graph;
import dev.nabla.backend.fast.AttentionBackwardKernel;
import dev.nabla.backend.fast.AttentionKernel;
import java.util.Arrays;
import java.util.Optional;

/**
 * Scaled dot-product attention, {@code softmax(QKᵀ/√d + mask) V}, as one differentiable op. On a
 * backend with an {@link AttentionKernel} that accepts the call the forward pass streams over key
 * blocks and never holds the full score matrix; elsewhere a reference computes it explicitly. The backward pass
 * recomputes the probabilities from the saved row logsumexp: block by block on a backend with an
 * {@link AttentionBackwardKernel} that accepts the call (first-order gradients), as Tensor ops
 * otherwise.
 */
public final class Attention {

    private Attention() {
    }

    /**
     * Attends {@code q} over {@code k}/{@code v}.
     *
     * @param q queries {@code [..., Lq, D]}
     * @param k keys {@code [..., Lk, D]} (same leading dimensions as q)
     * @param v values {@code [..., Lk, Dv]}
     * @param keep null, or a keep-mask broadcastable to {@code [..., Lq, Lk]}: nonzero attends, 0 hides a key
     *     (the opposite of PyTorch's boolean masks; wrap those in {@link AttentionMask#ignore} and call
     *     {@link #scaledDotProduct(Tensor, Tensor, Tensor, AttentionMask)})
     * @param causal hide keys after the query's position (aligned at the end when Lk &gt; Lq, as in
     *     incremental decoding with a cache)
     * @return {@code [..., Lq, Dv]}; a query whose keys are all hidden gets zeros
     */
    public static Tensor scaledDotProduct(Tensor q, Tensor k, Tensor v, Tensor keep, boolean causal) {
        check(q, k, v, keep);
        int rank = q.rank();
        int lq = q.size(-2);
        int lk = k.size(-2);
        int d = q.size(-1);
        int dv = v.size(-1);
        int[] lead = Arrays.copyOf(q.shape().toArray(), rank - 2);
        int batch = Shape.numel(lead);
        double scale = 1.0 / Math.sqrt(d);
        Tensor q3 = q.reshape(batch, lq, d).contiguous();
        Tensor k3 = k.reshape(batch, lk, d).contiguous();
        Tensor v3 = v.reshape(batch, lk, dv).contiguous();
        Tensor keep3 = keep == null ? null : broadcastKeep(keep, lead, lq, lk).to(q.dtype());
        Tensor[] result = forward(q3, k3, v3, keep3, causal, scale);
        Tensor out = result[0];
        Tensor lse = result[1];
        Tensor recorded = Graph.record("scaledDotProductAttention", out, new Tensor[] {q3, k3, v3}, g -> {
            Optional<AttentionBackwardKernel> kernel = q3.backend().fastPath(AttentionBackwardKernel.class);
            if (!GradMode.isEnabled() && kernel.isPresent()) {
                Tensor[] grads = fusedBackward(kernel.get(), q3, k3, v3, keep3, out, lse, g.contiguous(), causal,
                        scale);
                if (grads != null) {
                    return grads;
                }
            }
            // recorded (createGraph): p and the row term must stay functions of q, k and v for the next derivative
            boolean createGraph = GradMode.isEnabled();
            Tensor p = createGraph ? differentiableProbabilities(q3, k3, keep3, causal, scale, lse)
                    : probabilities(q3, k3, keep3, causal, scale, lse);
            Tensor dv3 = p.transpose(1, 2).matmul(g);
            Tensor dp = g.matmul(v3.transpose(1, 2));
            // Σ_j p·dp over a row equals Σ g·out, which is cheaper but a constant of the recorded graph
            Tensor rowTerm = createGraph ? p.mul(dp).sum(new int[] {2}, true) : g.mul(out).sum(new int[] {2}, true);
            Tensor ds = p.mul(dp.sub(rowTerm));
            return new Tensor[] {ds.matmul(k3).mul(scale), ds.transpose(1, 2).matmul(q3).mul(scale), dv3};
        }, q3, k3, v3);
        int[] outShape = Arrays.copyOf(lead, rank);
        outShape[rank - 2] = lq;
        outShape[rank - 1] = dv;
        return recorded.reshape(outShape);
    }

    /**
     * Attends {@code q} over {@code k}/{@code v} under a mask whose convention its factory states
     * ({@link AttentionMask#keep}, {@link AttentionMask#ignore} for PyTorch's boolean masks, ...).
     *
     * @param mask which keys each query may see; null sees all
     * @return {@code [..., Lq, Dv]}; a query whose keys are all hidden gets zeros
     */
    public static Tensor scaledDotProduct(Tensor q, Tensor k, Tensor v, AttentionMask mask) {
        AttentionMask m = mask == null ? AttentionMask.none() : mask;
        return scaledDotProduct(q, k, v, m.keepTensor(), m.isCausal());
    }

    private static void check(Tensor q, Tensor k, Tensor v, Tensor keep) {
        String op = "scaledDotProduct";
        if (q.rank() < 2 || k.rank() != q.rank() || v.rank() != q.rank()) {
            throw new IllegalArgumentException(op + ": q, k and v need the same rank >= 2, got " + q.shape() + ", "
                    + k.shape() + ", " + v.shape());
        }
        int rank = q.rank();
        for (int i = 0; i < rank - 2; i++) {
            if (k.size(i) != q.size(i) || v.size(i) != q.size(i)) {
                throw new IllegalArgumentException(op + ": leading dimensions differ: q " + q.shape() + ", k " + k.shape()
                        + ", v " + v.shape());
            }
        }
        if (k.size(-1) != q.size(-1)) {
            throw new IllegalArgumentException(op + ": q and k need the same feature size, got " + q.shape() + " and "
                    + k.shape());
        }
        if (v.size(-2) != k.size(-2)) {
            throw new IllegalArgumentException(op + ": k and v need the same length, got " + k.shape() + " and " + v.shape());
        }
        if (keep != null) {
            int[] target = Arrays.copyOf(q.shape().toArray(), rank);
            target[rank - 1] = k.size(-2);
            try {
                if (!Arrays.equals(Shape.broadcast(op, keep.shape().toArray(), target), target)) {
                    throw new IllegalArgumentException(op + ": mask of shape " + keep.shape()
                            + " does not broadcast to the score shape " + Arrays.toString(target));
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(op + ": mask of shape " + keep.shape()
                        + " does not broadcast to the score shape " + Arrays.toString(target), e);
            }
        }
    }

    private static Tensor broadcastKeep(Tensor keep, int[] lead, int lq, int lk) {
        int[] full = Arrays.copyOf(lead, lead.length + 2);
        full[lead.length] = lq;
        full[lead.length + 1] = lk;
        return keep.expand(full).reshape(Shape.numel(lead), lq, lk);
    }

    /** The backend's gradients of q, k and v, or null when it declines the call. */
    private static Tensor[] fusedBackward(AttentionBackwardKernel kernel, Tensor q, Tensor k, Tensor v, Tensor keep,
            Tensor out, Tensor lse, Tensor gradOut, boolean causal, double scale) {
        Tensor gradQ = Tensor.zerosLike(q);
        Tensor gradK = Tensor.zerosLike(k);
        Tensor gradV = Tensor.zerosLike(v);
        boolean written = kernel.attentionBackward(q.strided(), k.strided(), v.strided(),
                keep == null ? null : keep.strided(), out.strided(), lse.strided(), gradOut.strided(), causal, scale,
                gradQ.strided(), gradK.strided(), gradV.strided());
        return written ? new Tensor[] {gradQ, gradK, gradV} : null;
    }

    private static Tensor[] forward(Tensor q, Tensor k, Tensor v, Tensor keep, boolean causal, double scale) {
        int batch = q.size(0);
        int lq = q.size(1);
        Tensor out = Tensor.zeros(q.dtype(), q.device(), batch, lq, v.size(2));
        Tensor lse = Tensor.zeros(q.dtype(), q.device(), batch, lq);
        Optional<AttentionKernel> kernel = q.backend().fastPath(AttentionKernel.class);
        if (kernel.isPresent() && kernel.get().attentionForward(q.strided(), k.strided(), v.strided(),
                keep == null ? null : keep.strided(), causal, scale, out.strided(), lse.strided())) {
            return new Tensor[] {out, lse};
        }
        try (var ignored = dev.nabla.autograd.Autograd.noGradScope()) {
            Tensor scores = maskedScores(q, k, keep, causal, scale);
            Tensor rowLse = scores.logsumexp(new int[] {2}, true);
            Tensor p = scores.sub(rowLse).exp();
            p = Tensor.where(p.nonFinite(), Tensor.zerosLike(p), p);
            return new Tensor[] {p.matmul(v), rowLse.squeeze(2)};
        }
    }

    /** Scaled scores with hidden positions at -infinity. */
    static Tensor maskedScores(Tensor q, Tensor k, Tensor keep, boolean causal, double scale) {
        Tensor scores = q.matmul(k.transpose(1, 2)).mul(scale);
        Tensor hidden = null;
        if (keep != null) {
            hidden = keep.eq(0);
        }
        if (causal) {
            int lq = q.size(1);
            int lk = k.size(1);
            Tensor rows = Tensor.arange(0, lq, 1, DType.INT64, q.device()).unsqueeze(1).add(lk - lq);
            Tensor cols = Tensor.arange(0, lk, 1, DType.INT64, q.device()).unsqueeze(0);
            Tensor future = cols.gt(rows).to(q.dtype());
            hidden = hidden == null ? future : hidden.maximum(future);
        }
        if (hidden == null) {
            return scores;
        }
        Tensor minusInf = Tensor.scalar(Double.NEGATIVE_INFINITY, q.dtype(), q.device());
        return Tensor.where(hidden, minusInf, scores);
    }

    /** softmax(scores) recomputed from the saved logsumexp (a constant); all-hidden rows become zeros. */
    private static Tensor probabilities(Tensor q, Tensor k, Tensor keep, boolean causal, double scale, Tensor lse) {
        Tensor p = maskedScores(q, k, keep, causal, scale).sub(lse.detach().unsqueeze(2)).exp();
        return Tensor.where(p.nonFinite(), Tensor.zerosLike(p), p);
    }

    /**
     * softmax(scores) as a function of q and k, normaliser included: the saved logsumexp only shifts
     * the exponentials (a constant, so it leaves the derivatives alone), and each row is divided by its
     * own recomputed sum. All-hidden rows (sum 0) divide by 1 and stay zeros with zero gradients.
     */
    private static Tensor differentiableProbabilities(Tensor q, Tensor k, Tensor keep, boolean causal, double scale,
            Tensor lse) {
        Tensor shift = lse.detach().unsqueeze(2);
        shift = Tensor.where(shift.nonFinite(), Tensor.zerosLike(shift), shift);
        Tensor e = maskedScores(q, k, keep, causal, scale).sub(shift).exp();
        Tensor sum = e.sum(new int[] {2}, true);
        return e.div(Tensor.where(sum.gt(0), sum, Tensor.onesLike(sum)));
    }
}
