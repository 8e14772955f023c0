package dev.nabla.cuda;

import dev.nabla.backend.Strided;

/**
 * What every attention kernel is told about one call: sizes, scale, the causal flag and the keep-mask (its device
 * address, 0 for none, and its element strides over {@code [batch, Lq, Lk]}; 0 strides broadcast).
 */
record AttentionProblem(int batch, int lq, int lk, int d, double scale, boolean causal, long keep, int keepStrideB,
        int keepStrideQ, int keepStrideK) {

    /**
     * The problem of {@code q [B, Lq, D]} against {@code k [B, Lk, D]}, masked by {@code keep} (or null) whose
     * device address is {@code keepAddress} (0 without a mask).
     */
    static AttentionProblem of(Strided q, Strided k, Strided keep, long keepAddress, boolean causal, double scale) {
        int[] strides = keep == null ? new int[3] : keep.strides();
        return new AttentionProblem(q.shape()[0], q.shape()[1], k.shape()[1], q.shape()[2], scale, causal,
                keepAddress, strides[0], strides[1], strides[2]);
    }

    /** Appends the kernels' common tail: {@code keep, keepStrideB, keepStrideQ, keepStrideK, batchHeads, nq, nk, d, scale, causal}. */
    KernelArgs appendTo(KernelArgs args) {
        return args.pointer(keep).i32(keepStrideB).i32(keepStrideQ).i32(keepStrideK).i32(batch).i32(lq).i32(lk).i32(d)
                .f32((float) scale).i32(causal ? 1 : 0);
    }
}
