package dev.nabla.backend.fast;

import dev.nabla.DType;
import dev.nabla.backend.Backend;
import dev.nabla.backend.BinaryOp;
import dev.nabla.backend.ReduceOp;
import dev.nabla.backend.Storage;
import dev.nabla.backend.Strided;
import dev.nabla.backend.fast.Windows.Axis;
import dev.nabla.backend.fast.Windows.WindowAxes;

/**
 * {@link PoolKernel} written with backend primitives: windows are strided views reduced in
 * place (average) or copied and arg-reduced (max); the backward passes scatter or spread the
 * gradient back. Correct, not fast.
 */
public final class ReferencePool implements PoolKernel {

    private final Backend backend;

    /** A reference kernel computing with {@code backend}'s primitives. */
    public ReferencePool(Backend backend) {
        this.backend = backend;
    }

    /** Every channel is its own group with one channel, so the conv window axes apply. */
    private static WindowAxes axes(Strided padded, PoolGeometry geo, int oh, int ow) {
        return WindowAxes.over(padded, padded.shape()[1], geo.kernelH(), geo.kernelW(), oh, ow, geo.asConv());
    }

    @Override
    public void maxPool2d(Strided x, PoolGeometry geo, Strided out, Strided indices) {
        int[] s = out.shape();
        int kk = geo.kernelH() * geo.kernelW();
        Strided xp = padded(x, geo, Double.NEGATIVE_INFINITY);
        WindowAxes ax = axes(xp, geo, s[2], s[3]);
        Strided windows = Windows.reshaped(Windows.copy(backend, Windows.view(xp.storage(), ax.offset(), ax.n(), ax.g(),
                ax.oh(), ax.ow(), ax.kh(), ax.kw())), s[0], s[1], s[2], s[3], kk);
        Strided local = Windows.allocate(backend, DType.INT64, s[0], s[1], s[2], s[3], 1);
        backend.argReduce(ReduceOp.MAX, windows, 4, local);
        backend.gather(windows, 4, local, Windows.reshaped(out, s[0], s[1], s[2], s[3], 1));
        Storage table = backend.upload(planeIndexTable(geo, x.shape()[2], x.shape()[3], s[2], s[3]));
        Strided tableView = Windows.view(table, 0, new Axis(s[0], 0), new Axis(s[1], 0), new Axis(s[2], s[3] * kk),
                new Axis(s[3], kk), new Axis(kk, 1));
        backend.gather(tableView, 4, local, Windows.reshaped(indices, s[0], s[1], s[2], s[3], 1));
    }

    /** {@code x} padded for {@code geo}, including where ceil-mode windows overhang the padding. */
    private Strided padded(Strided x, PoolGeometry geo, double fill) {
        int[] s = x.shape();
        return Windows.padded(backend, x, geo.padH(), geo.padW(), geo.overhangHeight(s[2]), geo.overhangWidth(s[3]), fill);
    }

    /** For output cell (oh, ow) and window tap t: the input position {@code h * W + w} (clamped inside for padding). */
    private static long[] planeIndexTable(PoolGeometry geo, int h, int w, int oh, int ow) {
        int kk = geo.kernelH() * geo.kernelW();
        long[] table = new long[oh * ow * kk];
        for (int i = 0; i < oh; i++) {
            for (int j = 0; j < ow; j++) {
                for (int a = 0; a < geo.kernelH(); a++) {
                    for (int b = 0; b < geo.kernelW(); b++) {
                        // a padding cell only wins when the whole window is -inf; any cell of it is then a fine answer
                        int row = Math.min(Math.max(i * geo.strideH() - geo.padH() + a * geo.dilationH(), 0), h - 1);
                        int col = Math.min(Math.max(j * geo.strideW() - geo.padW() + b * geo.dilationW(), 0), w - 1);
                        table[(i * ow + j) * kk + a * geo.kernelW() + b] = (long) row * w + col;
                    }
                }
            }
        }
        return table;
    }

    @Override
    public void maxPool2dBackward(Strided gradOut, Strided indices, PoolGeometry geo, Strided gradInput) {
        int[] o = gradOut.shape();
        int[] in = gradInput.shape();
        backend.fill(gradInput, 0);
        Strided g = Windows.reshaped(Windows.dense(backend, gradOut), o[0], o[1], o[2] * o[3]);
        Strided idx = Windows.reshaped(Windows.dense(backend, indices), o[0], o[1], o[2] * o[3]);
        backend.scatterAdd(Windows.reshaped(gradInput, in[0], in[1], in[2] * in[3]), 2, idx, g);
    }

    @Override
    public void avgPool2d(Strided x, PoolGeometry geo, boolean countIncludePad, Strided out) {
        int[] s = out.shape();
        Strided xp = padded(x, geo, 0);
        WindowAxes ax = axes(xp, geo, s[2], s[3]);
        Strided sums = Windows.reshaped(out, s[0], s[1], s[2], s[3], 1, 1);
        backend.reduce(ReduceOp.SUM, Windows.view(xp.storage(), ax.offset(), ax.n(), ax.g(), ax.oh(), ax.ow(), ax.kh(),
                ax.kw()), sums);
        backend.binary(BinaryOp.DIV, out, divisors(geo, countIncludePad, x.shape(), out), out);
    }

    @Override
    public void avgPool2dBackward(Strided gradOut, PoolGeometry geo, boolean countIncludePad, Strided gradInput) {
        int[] o = gradOut.shape();
        int[] in = gradInput.shape();
        Strided scaled = Windows.allocate(backend, gradOut.dtype(), o);
        backend.binary(BinaryOp.DIV, gradOut, divisors(geo, countIncludePad, in, gradOut), scaled);
        // the scaled gradient seen as windows whose every tap reads the same cell
        WindowAxes src = new WindowAxes(new Axis(o[0], o[1] * o[2] * o[3]), new Axis(o[1], o[2] * o[3]), new Axis(1, 0),
                new Axis(geo.kernelH(), 0), new Axis(geo.kernelW(), 0), new Axis(o[2], o[3]), new Axis(o[3], 1), 0);
        Windows.col2im(backend, gradInput, geo.asConv(), geo.overhangHeight(in[2]), geo.overhangWidth(in[3]), geo.kernelH(),
                geo.kernelW(), o[2], o[3], scaled.storage(), src);
    }

    /** The divisor of each output cell, broadcast over batch and channels. */
    private Strided divisors(PoolGeometry geo, boolean countIncludePad, int[] inShape, Strided like) {
        int[] o = like.shape();
        double[] values = new double[o[2] * o[3]];
        for (int i = 0; i < o[2]; i++) {
            for (int j = 0; j < o[3]; j++) {
                int padH = countIncludePad ? geo.padH() : 0;
                int padW = countIncludePad ? geo.padW() : 0;
                values[i * o[3] + j] = cellsInside(i * geo.strideH() - geo.padH(), geo.kernelH(), inShape[2], padH)
                        * cellsInside(j * geo.strideW() - geo.padW(), geo.kernelW(), inShape[3], padW);
            }
        }
        Storage table = Windows.upload(backend, like.dtype(), values);
        return Windows.view(table, 0, new Axis(o[0], 0), new Axis(o[1], 0), new Axis(o[2], o[3]), new Axis(o[3], 1));
    }

    /** The cells of window [start, start + length) inside [-pad, size + pad): PyTorch's average divisor. */
    private static int cellsInside(int start, int length, int size, int pad) {
        return Math.min(start + length, size + pad) - Math.max(start, -pad);
    }
}
