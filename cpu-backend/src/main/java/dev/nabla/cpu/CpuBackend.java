package dev.nabla.cpu;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.backend.Backend;
import dev.nabla.backend.BinaryOp;
import dev.nabla.backend.CounterRng;
import dev.nabla.backend.RandomOp;
import dev.nabla.backend.ReduceOp;
import dev.nabla.backend.Storage;
import dev.nabla.backend.Strided;
import dev.nabla.backend.UnaryOp;
import dev.nabla.backend.fast.AdamKernel;
import dev.nabla.backend.fast.AttentionKernel;
import dev.nabla.backend.fast.BiasActivationKernel;
import dev.nabla.backend.fast.LayerNormKernel;
import dev.nabla.backend.fast.LstmCellKernel;
import dev.nabla.backend.fast.ConvGeometry;
import dev.nabla.backend.fast.ConvKernel;
import dev.nabla.backend.fast.CrossEntropyKernel;
import dev.nabla.backend.fast.FusedActivation;
import dev.nabla.backend.fast.GruCellKernel;
import dev.nabla.backend.fast.MatmulKernel;
import dev.nabla.backend.fast.PoolGeometry;
import dev.nabla.backend.fast.PoolKernel;
import dev.nabla.backend.fast.ScanKernel;
import dev.nabla.backend.fast.ScanOp;
import dev.nabla.backend.fast.SoftmaxKernel;
import dev.nabla.backend.fast.SortKernel;
import dev.nabla.backend.fast.ReferenceConv;
import dev.nabla.backend.fast.ReferencePool;
import dev.nabla.cpu.kernels.ConvShape;
import dev.nabla.cpu.kernels.FloatConv;
import dev.nabla.cpu.kernels.FloatPool;

/**
 * The pure-Java backend: primitives over heap arrays, split across the shared {@link Parallel}
 * pool when the work is large enough to pay for it. Float32 convolution and pooling run on
 * the dedicated kernels of {@code dev.nabla.cpu.kernels}; float64 ones (gradient checks) take the
 * primitive-based reference paths, whose matmuls still reach the packed GEMM.
 */
public final class CpuBackend implements Backend, MatmulKernel, AttentionKernel, LstmCellKernel, ConvKernel,
        PoolKernel, SoftmaxKernel, LayerNormKernel, AdamKernel, BiasActivationKernel, CrossEntropyKernel,
        GruCellKernel, ScanKernel, SortKernel {

    /** The one instance: there is one CPU device. */
    static final CpuBackend INSTANCE = new CpuBackend();

    private final ReferenceConv referenceConv = new ReferenceConv(this);
    private final ReferencePool referencePool = new ReferencePool(this);

    private CpuBackend() {
    }

    static Object data(Strided s) {
        return ((CpuStorage) s.storage()).data();
    }

    @Override
    public Device device() {
        return Device.CPU;
    }

    @Override
    public Storage allocate(DType dtype, int size) {
        return CpuStorage.allocate(dtype, size);
    }

    @Override
    public Storage upload(Object hostArray) {
        if (hostArray instanceof float[] f) {
            return new CpuStorage(DType.FLOAT32, f, f.length);
        } else if (hostArray instanceof double[] d) {
            return new CpuStorage(DType.FLOAT64, d, d.length);
        } else if (hostArray instanceof long[] l) {
            return new CpuStorage(DType.INT64, l, l.length);
        }
        throw new IllegalArgumentException("upload: expected float[], double[] or long[], got "
                + (hostArray == null ? "null" : hostArray.getClass().getSimpleName()));
    }

    @Override
    public Object download(Strided src) {
        Strided dst = Strided.contiguous(allocate(src.dtype(), src.numel()), src.shape());
        copy(src, dst);
        return data(dst);
    }

    @Override
    public void copy(Strided src, Strided dst) {
        CpuElementwise.copy(src, dst);
    }

    @Override
    public void fill(Strided dst, double value) {
        CpuElementwise.fill(dst, value);
    }

    @Override
    public void unary(UnaryOp op, Strided x, Strided out) {
        CpuElementwise.unary(op, x, out);
    }

    @Override
    public void binary(BinaryOp op, Strided a, Strided b, Strided out) {
        CpuElementwise.binary(op, a, b, out);
    }

    @Override
    public void where(Strided cond, Strided a, Strided b, Strided out) {
        CpuElementwise.where(cond, a, b, out);
    }

    @Override
    public void reduce(ReduceOp op, Strided x, Strided out) {
        Reducer.reduce(op, x, out);
    }

    @Override
    public void argReduce(ReduceOp op, Strided x, int axis, Strided out) {
        Reducer.argReduce(op, x, axis, out);
    }

    @Override
    public void random(RandomOp op, long seed, long offset, double a, double b, Strided out) {
        Layout layout = Layout.of(out.shape(), out);
        Object to = data(out);
        int os = layout.innerStride(0);
        layout.forEachBlock((off, n, linear) -> {
            double[] v = Blocks.scratch()[0];
            for (int i = 0; i < n; i++) {
                long counter = offset + linear + i;
                v[i] = op == RandomOp.UNIFORM ? a + (b - a) * CounterRng.uniform(seed, counter)
                        : a + b * CounterRng.normal(seed, counter);
            }
            Blocks.store(v, n, to, off[0], os);
        });
    }

    @Override
    public void gather(Strided x, int axis, Strided index, Strided out) {
        Indexer.gather(x, axis, index, out);
    }

    @Override
    public void scatterAdd(Strided dst, int axis, Strided index, Strided src) {
        Indexer.scatterAdd(dst, axis, index, src);
    }

    @Override
    public void scan(ScanOp op, Strided x, int axis, boolean reverse, Strided out) {
        CpuScan.scan(op, x, axis, reverse, out);
    }

    @Override
    public void argsort(Strided x, int axis, boolean descending, Strided out) {
        CpuSort.argsort(x, axis, descending, out);
    }

    @Override
    public boolean attentionForward(Strided q, Strided k, Strided v, Strided keep, boolean causal, double scale,
            Strided out, Strided logsumexp) {
        if (q.dtype() == DType.FLOAT32 && k.dtype() == DType.FLOAT32 && v.dtype() == DType.FLOAT32) {
            CpuBlockedAttention.forward(q, k, v, keep, causal, scale, out, logsumexp);
        } else {
            CpuAttention.forward(q, k, v, keep, causal, scale, out, logsumexp);
        }
        return true;
    }

    @Override
    public void matmul(Strided a, Strided b, Strided out) {
        CpuMatmul.matmul(a, b, out);
    }

    @Override
    public void softmax(Strided x, boolean log, Strided out) {
        CpuSoftmax.forward(x, log, out);
    }

    @Override
    public void softmaxBackward(Strided y, Strided gradOut, boolean log, Strided gradInput) {
        CpuSoftmax.backward(y, gradOut, log, gradInput);
    }

    @Override
    public void adamStep(Strided param, Strided expAvg, Strided expAvgSq, Strided grad, double lr, double beta1,
            double beta2, double eps, double bias1, double bias2) {
        CpuAdam.step(param, expAvg, expAvgSq, grad, lr, beta1, beta2, eps, bias1, bias2);
    }

    @Override
    public void layerNorm(Strided x, Strided gamma, Strided beta, double eps, Strided out, Strided mean,
            Strided rstd) {
        CpuLayerNorm.forward(x, gamma, beta, eps, out, mean, rstd);
    }

    @Override
    public void layerNormBackward(Strided x, Strided mean, Strided rstd, Strided gamma, Strided gradOut,
            Strided gradInput) {
        CpuLayerNorm.backward(x, mean, rstd, gamma, gradOut, gradInput);
    }

    @Override
    public void layerNormParamsBackward(Strided x, Strided mean, Strided rstd, Strided gradOut, Strided gradGamma,
            Strided gradBeta) {
        CpuLayerNorm.paramsBackward(x, mean, rstd, gradOut, gradGamma, gradBeta);
    }

    @Override
    public void biasActivation(Strided x, Strided bias, int inner, FusedActivation act, Strided out) {
        CpuBiasActivation.forward(x, bias, inner, act, out);
    }

    @Override
    public void biasActivationBackward(Strided y, Strided gradOut, int inner, FusedActivation act, Strided gradX,
            Strided gradBias) {
        CpuBiasActivation.backward(y, gradOut, inner, act, gradX, gradBias);
    }

    @Override
    public boolean crossEntropyForward(Strided logits, Strided target, long ignoreIndex, Strided loss,
            Strided logsumexp) {
        CpuCrossEntropy.forward(logits, target, ignoreIndex, loss, logsumexp);
        return true;
    }

    @Override
    public void crossEntropyBackward(Strided logits, Strided logsumexp, Strided target, long ignoreIndex,
            Strided gradLoss, Strided gradLogits) {
        CpuCrossEntropy.backward(logits, logsumexp, target, ignoreIndex, gradLoss, gradLogits);
    }

    @Override
    public void gruCellForward(Strided xProj, Strided hProj, Strided h, Strided hNew) {
        CpuGruCell.forward(xProj, hProj, h, hNew);
    }

    @Override
    public void gruCellBackward(Strided xProj, Strided hProj, Strided h, Strided gradHNew, Strided gradXProj,
            Strided gradHProj, Strided gradH) {
        CpuGruCell.backward(xProj, hProj, h, gradHNew, gradXProj, gradHProj, gradH);
    }

    @Override
    public void lstmCellForward(Strided gates, Strided c, Strided hc) {
        CpuLstmCell.forward(gates, c, hc);
    }

    @Override
    public void lstmCellBackward(Strided gates, Strided c, Strided hc, Strided gradHc, Strided gradGates,
            Strided gradC) {
        CpuLstmCell.backward(gates, c, hc, gradHc, gradGates, gradC);
    }

    /** {@code s} itself when contiguous, else a contiguous copy (kernels read dense planes). */
    private Strided dense(Strided s) {
        return s.isContiguous() ? s : Strided.contiguous(upload(download(s)), s.shape());
    }

    /** Whether the fast float kernels apply: FLOAT32 and a contiguous output starting at element 0. */
    private static boolean floatFast(Strided x, Strided out) {
        return x.dtype() == DType.FLOAT32 && out.isContiguous() && out.offset() == 0;
    }

    @Override
    public void conv2d(Strided x, Strided w, ConvGeometry geometry, Strided out) {
        if (!floatFast(x, out)) {
            referenceConv.conv2d(x, w, geometry, out);
            return;
        }
        Strided xd = dense(x);
        Strided wd = dense(w);
        FloatConv.forward(ConvShape.of(x.shape(), w.shape(), out.shape(), geometry), (float[]) data(xd), xd.offset(),
                (float[]) data(wd), wd.offset(), (float[]) data(out), 0);
    }

    @Override
    public void conv2dBackwardData(Strided gradOut, Strided w, ConvGeometry geometry, Strided gradInput) {
        if (!floatFast(gradOut, gradInput)) {
            referenceConv.conv2dBackwardData(gradOut, w, geometry, gradInput);
            return;
        }
        Strided gy = dense(gradOut);
        Strided wd = dense(w);
        FloatConv.backwardData(ConvShape.of(gradInput.shape(), w.shape(), gradOut.shape(), geometry), (float[]) data(gy),
                gy.offset(), (float[]) data(wd), wd.offset(), (float[]) data(gradInput), 0);
    }

    @Override
    public void conv2dBackwardFilter(Strided x, Strided gradOut, ConvGeometry geometry, Strided gradWeight) {
        if (!floatFast(x, gradWeight)) {
            referenceConv.conv2dBackwardFilter(x, gradOut, geometry, gradWeight);
            return;
        }
        Strided xd = dense(x);
        Strided gy = dense(gradOut);
        FloatConv.backwardFilter(ConvShape.of(x.shape(), gradWeight.shape(), gradOut.shape(), geometry),
                (float[]) data(xd), xd.offset(), (float[]) data(gy), gy.offset(), (float[]) data(gradWeight), 0);
    }

    private static FloatPool.Planes planes(int[] in, int[] out, PoolGeometry geometry) {
        return new FloatPool.Planes(in[0] * in[1], in[2], in[3], out[2], out[3], geometry);
    }

    @Override
    public void maxPool2d(Strided x, PoolGeometry geometry, Strided out, Strided indices) {
        if (!floatFast(x, out) || !indices.isContiguous() || indices.offset() != 0) {
            referencePool.maxPool2d(x, geometry, out, indices);
            return;
        }
        Strided xd = dense(x);
        FloatPool.maxForward(planes(x.shape(), out.shape(), geometry), (float[]) data(xd), xd.offset(),
                (float[]) data(out), (long[]) data(indices));
    }

    @Override
    public void maxPool2dBackward(Strided gradOut, Strided indices, PoolGeometry geometry, Strided gradInput) {
        if (!floatFast(gradOut, gradInput)) {
            referencePool.maxPool2dBackward(gradOut, indices, geometry, gradInput);
            return;
        }
        Strided gy = dense(gradOut);
        Strided idx = dense(indices);
        FloatPool.maxBackward(planes(gradInput.shape(), gradOut.shape(), geometry), (float[]) data(gy), gy.offset(),
                (long[]) data(idx), idx.offset(), (float[]) data(gradInput));
    }

    @Override
    public void avgPool2d(Strided x, PoolGeometry geometry, boolean countIncludePad, Strided out) {
        if (!floatFast(x, out)) {
            referencePool.avgPool2d(x, geometry, countIncludePad, out);
            return;
        }
        Strided xd = dense(x);
        FloatPool.avgForward(planes(x.shape(), out.shape(), geometry), (float[]) data(xd), xd.offset(), countIncludePad,
                (float[]) data(out));
    }

    @Override
    public void avgPool2dBackward(Strided gradOut, PoolGeometry geometry, boolean countIncludePad, Strided gradInput) {
        if (!floatFast(gradOut, gradInput)) {
            referencePool.avgPool2dBackward(gradOut, geometry, countIncludePad, gradInput);
            return;
        }
        Strided gy = dense(gradOut);
        FloatPool.avgBackward(planes(gradInput.shape(), gradOut.shape(), geometry), (float[]) data(gy), gy.offset(),
                countIncludePad, (float[]) data(gradInput));
    }
}
