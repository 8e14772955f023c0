package dev.nabla.cuda;

import dev.nabla.DType;
import dev.nabla.backend.RandomOp;
import dev.nabla.backend.ReduceOp;
import dev.nabla.backend.fast.ColumnLayout;
import dev.nabla.backend.fast.ConvGeometry;
import dev.nabla.backend.fast.FusedActivation;
import dev.nabla.backend.fast.PoolGeometry;
import dev.nabla.kernels.LaunchGeometry;
import dev.nabla.kernels.StridedLayout;

/**
 * Builds the launches of the reduction, random, indexing, softmax, cross-entropy, layer-norm, im2col, pooling, Adam,
 * LSTM-cell, GRU-cell, bias-activation and attention kernels (argument order per the manifest).
 */
final class KernelCalls {

    private KernelCalls() {
    }

    /** {@code reduce_T(out, x, outer, reduce, inner, op)}. */
    static KernelCall reduce(ReduceOp op, DType dtype, ReducePlan plan, long out, long x) {
        return new KernelCall(KernelNames.of("reduce", dtype), LaunchGeometry.reduction(plan.outer(), plan.reduce(), plan.inner()),
                new KernelArgs().pointer(out).pointer(x).i32(plan.outer()).i32(plan.reduce()).i32(plan.inner())
                        .i32(KernelOps.reduce(op)));
    }

    /** {@code argreduce_T(int* index, T* value = null, x, outer, reduce, inner, op)}. */
    static KernelCall argReduce(ReduceOp op, DType dtype, AxisSplit split, long indices, long x) {
        return new KernelCall(KernelNames.of("argreduce", dtype),
                LaunchGeometry.reduction(split.outer(), split.axis(), split.inner()),
                new KernelArgs().pointer(indices).pointer(0).pointer(x).i32(split.outer()).i32(split.axis())
                        .i32(split.inner()).i32(KernelOps.argReduce(op)));
    }

    /**
     * {@code random_uniform_T(out, n, seed, offset, low = a, high = b)} or {@code random_normal_T(out, n, seed,
     * offset, mean = a, std = b)}: one thread per element, element i at counter {@code offset + i}.
     */
    static KernelCall random(RandomOp op, DType dtype, int n, long seed, long offset, double a, double b, long out) {
        String family = op == RandomOp.UNIFORM ? "random_uniform" : "random_normal";
        return new KernelCall(KernelNames.of(family, dtype), LaunchGeometry.elementwise(n),
                new KernelArgs().pointer(out).i32(n).u64(seed).u64(offset).f64(a).f64(b));
    }

    /** {@code index_select_T(out, x, index, ...)} or {@code index_add_T(dst, src, index, ...)}. */
    static KernelCall indexed(String family, DType dtype, IndexPlan plan, long written, long read, long indices) {
        return new KernelCall(KernelNames.of(family, dtype), LaunchGeometry.elementwise(plan.work()),
                new KernelArgs().pointer(written).pointer(read).pointer(indices).i32(plan.outer()).i32(plan.axisSize())
                        .i32(plan.numIndices()).i32(plan.inner()));
    }

    /**
     * {@code gather_strided_T(out, x, index, axisSize, xAxisStride, layout)} or
     * {@code scatter_add_strided_T(dst, src, index, axisSize, dstAxisStride, layout)}: one thread per index element.
     */
    static KernelCall gathered(String family, DType dtype, GatherPlan plan, long written, long read, long index) {
        Coalesced loop = plan.loop();
        return new KernelCall(KernelNames.of(family, dtype), LaunchGeometry.elementwise(loop.numel()),
                new KernelArgs().pointer(written).pointer(read).pointer(index).i32(plan.axisSize()).i32(plan.axisStride())
                        .layout(StridedLayout.pack(loop.shape(), loop.strides())));
    }

    /** {@code attention_forward_f32(out, lse, q, k, v, keep..., batchHeads, nq, nk, d, scale, causal)}: one warp per query row. */
    static KernelCall attentionForward(AttentionProblem p, long out, long lse, long q, long k, long v) {
        return new KernelCall("attention_forward_f32", LaunchGeometry.attentionQueryRows(p.batch(), p.lq(), p.lk(), p.d()),
                p.appendTo(new KernelArgs().pointer(out).pointer(lse).pointer(q).pointer(k).pointer(v)));
    }

    /** {@code attention_backward_delta_f32(delta, out, dout, rows, d)}: one warp per query row. */
    static KernelCall attentionBackwardDelta(int rows, int d, long delta, long out, long gradOut) {
        return new KernelCall("attention_backward_delta_f32", LaunchGeometry.warpPerRow(rows),
                new KernelArgs().pointer(delta).pointer(out).pointer(gradOut).i32(rows).i32(d));
    }

    /**
     * {@code attention_backward_dq_f32(dq, q, k, v, dout, lse, delta, keep..., batchHeads, nq, nk, d, scale, causal)}:
     * one warp per query row.
     *
     * @param inputs the device addresses of q, k, v, dout, lse and delta, in that order
     */
    static KernelCall attentionBackwardDq(AttentionProblem p, long dq, long[] inputs) {
        return new KernelCall("attention_backward_dq_f32", LaunchGeometry.attentionQueryRows(p.batch(), p.lq(), p.lk(), p.d()),
                p.appendTo(pointers(new KernelArgs().pointer(dq), inputs)));
    }

    /**
     * {@code attention_backward_dkdv_f32(dk, dv, q, k, v, dout, lse, delta, keep..., batchHeads, nq, nk, d, scale,
     * causal)}: one warp per key row.
     *
     * @param inputs as for {@link #attentionBackwardDq}
     */
    static KernelCall attentionBackwardDkDv(AttentionProblem p, long dk, long dv, long[] inputs) {
        return new KernelCall("attention_backward_dkdv_f32", LaunchGeometry.attentionKeyRows(p.batch(), p.lq(), p.lk(), p.d()),
                p.appendTo(pointers(new KernelArgs().pointer(dk).pointer(dv), inputs)));
    }

    private static KernelArgs pointers(KernelArgs args, long[] pointers) {
        for (long pointer : pointers) {
            args.pointer(pointer);
        }
        return args;
    }

    /** {@code softmax_forward_T(y, x, rows, cols, log)}: one block per row. */
    static KernelCall softmaxForward(DType dtype, int rows, int cols, boolean log, long y, long x) {
        return new KernelCall(KernelNames.of("softmax_forward", dtype), LaunchGeometry.blockPerRow(rows, cols),
                new KernelArgs().pointer(y).pointer(x).i32(rows).i32(cols).i32(log ? 1 : 0));
    }

    /** {@code softmax_backward_T(dx, y, dy, rows, cols, log)}: one block per row. */
    static KernelCall softmaxBackward(DType dtype, int rows, int cols, boolean log, long dx, long y, long dy) {
        return new KernelCall(KernelNames.of("softmax_backward", dtype), LaunchGeometry.blockPerRow(rows, cols),
                new KernelArgs().pointer(dx).pointer(y).pointer(dy).i32(rows).i32(cols).i32(log ? 1 : 0));
    }

    /** {@code cross_entropy_forward_T(loss, lse, valid = null, logits, target, rows, classes, ignoreIndex)}: one block per row. */
    static KernelCall crossEntropyForward(DType dtype, int rows, int classes, int ignoreIndex, long loss, long lse,
            long logits, long targets) {
        return new KernelCall(KernelNames.of("cross_entropy_forward", dtype), LaunchGeometry.blockPerRow(rows, classes),
                new KernelArgs().pointer(loss).pointer(lse).pointer(0).pointer(logits).pointer(targets).i32(rows)
                        .i32(classes).i32(ignoreIndex));
    }

    /**
     * {@code cross_entropy_backward_T(dlogits, logits, lse, target, dloss, dlossStride = 1, rows, classes,
     * ignoreIndex)}: one thread per logit.
     */
    static KernelCall crossEntropyBackward(DType dtype, int rows, int classes, int ignoreIndex, long dlogits, long logits,
            long lse, long targets, long dloss) {
        return new KernelCall(KernelNames.of("cross_entropy_backward", dtype),
                LaunchGeometry.elementwise((long) rows * classes), new KernelArgs().pointer(dlogits).pointer(logits)
                        .pointer(lse).pointer(targets).pointer(dloss).i32(1).i32(rows).i32(classes).i32(ignoreIndex));
    }

    /**
     * {@code layernorm_forward_T(y, mean, rstd, x, gamma, beta, rows, cols, eps)}: one block per row; gamma and beta
     * are 0 for none.
     */
    static KernelCall layerNormForward(DType dtype, int rows, int cols, double eps, long y, long mean, long rstd, long x,
            long gamma, long beta) {
        return new KernelCall(KernelNames.of("layernorm_forward", dtype), LaunchGeometry.blockPerRow(rows, cols),
                new KernelArgs().pointer(y).pointer(mean).pointer(rstd).pointer(x).pointer(gamma).pointer(beta).i32(rows)
                        .i32(cols).scalar(dtype, eps));
    }

    /** {@code layernorm_backward_input_T(dx, dy, x, mean, rstd, gamma, rows, cols)}: one block per row; gamma 0 for none. */
    static KernelCall layerNormBackward(DType dtype, int rows, int cols, long dx, long dy, long x, long mean, long rstd,
            long gamma) {
        return new KernelCall(KernelNames.of("layernorm_backward_input", dtype), LaunchGeometry.blockPerRow(rows, cols),
                new KernelArgs().pointer(dx).pointer(dy).pointer(x).pointer(mean).pointer(rstd).pointer(gamma).i32(rows)
                        .i32(cols));
    }

    /**
     * {@code layernorm_backward_params_T(dgamma, dbeta, dy, x, mean, rstd, rows, cols)}: one block per 32-column slab;
     * dgamma or dbeta 0 when not wanted.
     */
    static KernelCall layerNormParamsBackward(DType dtype, int rows, int cols, long dgamma, long dbeta, long dy, long x,
            long mean, long rstd) {
        return new KernelCall(KernelNames.of("layernorm_backward_params", dtype), LaunchGeometry.columnSlabs(cols),
                new KernelArgs().pointer(dgamma).pointer(dbeta).pointer(dy).pointer(x).pointer(mean).pointer(rstd)
                        .i32(rows).i32(cols));
    }

    /**
     * {@code im2col_T(cols, x, N, C, H, W, kh, kw, sh, sw, ph, pw, dh, dw)} or {@code col2im_T(x, cols, ...)}: one
     * thread per element of {@code work} (the columns for im2col, the image for col2im).
     */
    static KernelCall columns(String family, DType dtype, ColumnLayout layout, long work, long written, long read) {
        ConvGeometry g = layout.geometry();
        return new KernelCall(KernelNames.of(family, dtype), LaunchGeometry.elementwise(work),
                new KernelArgs().pointer(written).pointer(read).i32(layout.batch()).i32(layout.channels())
                        .i32(layout.height()).i32(layout.width()).i32(layout.kh()).i32(layout.kw()).i32(g.strideH())
                        .i32(g.strideW()).i32(g.padH()).i32(g.padW()).i32(g.dilationH()).i32(g.dilationW()));
    }

    /**
     * A pooling kernel {@code FAMILY_T(written, read[, argmax], N, C, H, W, kh, kw, sh, sw, ph, pw, dh, dw, outH, outW[,
     * countIncludePad])}: one thread per element of {@code work} (the output forward, the input backward). The output
     * size is the geometry's (PyTorch's floor or ceil rule), so the kernels never recompute it.
     *
     * @param pointers the kernel's leading pointer arguments, in order
     * @param countIncludePad null for max pooling, else the average's divisor rule
     */
    static KernelCall pool(String family, DType dtype, int[] input, PoolGeometry g, long work, long[] pointers,
            Boolean countIncludePad) {
        KernelArgs args = pointers(new KernelArgs(), pointers);
        args.i32(input[0]).i32(input[1]).i32(input[2]).i32(input[3]).i32(g.kernelH()).i32(g.kernelW()).i32(g.strideH())
                .i32(g.strideW()).i32(g.padH()).i32(g.padW()).i32(g.dilationH()).i32(g.dilationW())
                .i32(g.outputHeight(input[2])).i32(g.outputWidth(input[3]));
        if (countIncludePad != null) {
            args.i32(countIncludePad ? 1 : 0);
        }
        return new KernelCall(KernelNames.of(family, dtype), LaunchGeometry.elementwise(work), args);
    }

    /**
     * {@code adam_T(param, expAvg, expAvgSq, grad, n, lr, beta1, beta2, eps, weightDecay = 0, bias1, bias2,
     * decoupled = 0)}: the optimizer applies weight decay before the call.
     */
    static KernelCall adam(DType dtype, int n, long param, long expAvg, long expAvgSq, long grad, double lr, double beta1,
            double beta2, double eps, double bias1, double bias2) {
        return new KernelCall(KernelNames.of("adam", dtype), LaunchGeometry.elementwise(n),
                new KernelArgs().pointer(param).pointer(expAvg).pointer(expAvgSq).pointer(grad).i32(n).scalar(dtype, lr)
                        .scalar(dtype, beta1).scalar(dtype, beta2).scalar(dtype, eps).scalar(dtype, 0)
                        .scalar(dtype, bias1).scalar(dtype, bias2).i32(0));
    }

    /** {@code lstm_cell_forward_T(hc, gates, c, batch, hidden)}: one thread per (batch row, hidden unit). */
    static KernelCall lstmCellForward(DType dtype, int batch, int hidden, long hc, long gates, long c) {
        return new KernelCall(KernelNames.of("lstm_cell_forward", dtype), LaunchGeometry.elementwise((long) batch * hidden),
                new KernelArgs().pointer(hc).pointer(gates).pointer(c).i32(batch).i32(hidden));
    }

    /** {@code lstm_cell_backward_T(gradGates, gradC, gates, c, hc, gradHc, batch, hidden)}: one thread per (row, unit). */
    static KernelCall lstmCellBackward(DType dtype, int batch, int hidden, long gradGates, long gradC, long gates, long c,
            long hc, long gradHc) {
        return new KernelCall(KernelNames.of("lstm_cell_backward", dtype), LaunchGeometry.elementwise((long) batch * hidden),
                new KernelArgs().pointer(gradGates).pointer(gradC).pointer(gates).pointer(c).pointer(hc).pointer(gradHc)
                        .i32(batch).i32(hidden));
    }

    /** {@code gru_cell_forward_T(hNew, xProj, hProj, h, batch, hidden)}: one thread per (batch row, hidden unit). */
    static KernelCall gruCellForward(DType dtype, int batch, int hidden, long hNew, long xProj, long hProj, long h) {
        return new KernelCall(KernelNames.of("gru_cell_forward", dtype), LaunchGeometry.elementwise((long) batch * hidden),
                new KernelArgs().pointer(hNew).pointer(xProj).pointer(hProj).pointer(h).i32(batch).i32(hidden));
    }

    /**
     * {@code gru_cell_backward_T(gradX, gradP, gradH, xProj, hProj, h, gradHNew, batch, hidden)}: one thread per
     * (batch row, hidden unit).
     *
     * @param outputs the device addresses of gradX, gradP and gradH
     * @param inputs the device addresses of xProj, hProj, h and gradHNew
     */
    static KernelCall gruCellBackward(DType dtype, int batch, int hidden, long[] outputs, long[] inputs) {
        return new KernelCall(KernelNames.of("gru_cell_backward", dtype), LaunchGeometry.elementwise((long) batch * hidden),
                pointers(pointers(new KernelArgs(), outputs), inputs).i32(batch).i32(hidden));
    }

    /** {@code bias_activation_forward_f32(out, x, bias, n, channels, inner, act)}: one thread per element. */
    static KernelCall biasActivation(int n, int channels, int inner, FusedActivation act, long out, long x, long bias) {
        return new KernelCall("bias_activation_forward_f32", LaunchGeometry.elementwise(n),
                new KernelArgs().pointer(out).pointer(x).pointer(bias).i32(n).i32(channels).i32(inner)
                        .i32(KernelOps.activation(act)));
    }

    /** {@code bias_activation_backward_f32(gradX, y, gradOut, n, act)}: one thread per element. */
    static KernelCall biasActivationBackward(int n, FusedActivation act, long gradX, long y, long gradOut) {
        return new KernelCall("bias_activation_backward_f32", LaunchGeometry.elementwise(n),
                new KernelArgs().pointer(gradX).pointer(y).pointer(gradOut).i32(n).i32(KernelOps.activation(act)));
    }

    /** {@code bias_grad_f32(gradBias, gradX, outer, channels, inner)}: one block per channel. */
    static KernelCall biasGrad(int outer, int channels, int inner, long gradBias, long gradX) {
        return new KernelCall("bias_grad_f32", LaunchGeometry.blockPerRow(channels, (long) outer * inner),
                new KernelArgs().pointer(gradBias).pointer(gradX).i32(outer).i32(channels).i32(inner));
    }
}
