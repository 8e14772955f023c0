package dev.nabla.backend.fast;

import dev.nabla.backend.Backend;
import dev.nabla.backend.Strided;
import dev.nabla.backend.fast.Windows.Axis;
import dev.nabla.backend.fast.Windows.WindowAxes;

/**
 * {@link ConvKernel} written with backend primitives: im2col as a strided window view copied
 * into a dense column buffer, one batched matmul per pass, and col2im as per-tap adds.
 * Correct for every geometry, memory-hungry, not fast.
 */
public final class ReferenceConv implements ConvKernel {

    private final Backend backend;

    /** A reference kernel computing with {@code backend}'s primitives. */
    public ReferenceConv(Backend backend) {
        this.backend = backend;
    }

    /** The sizes of one convolution, read from its operands. */
    private record Dims(int n, int cin, int h, int w, int cout, int kh, int kw, int oh, int ow, int groups) {

        static Dims of(int[] input, int[] weight, int[] output, int groups) {
            return new Dims(input[0], input[1], input[2], input[3], weight[0], weight[2], weight[3], output[2], output[3],
                    groups);
        }

        int cinPerGroup() {
            return cin / groups;
        }

        int coutPerGroup() {
            return cout / groups;
        }

        /** Rows of the column matrix: one per (input channel in group, kernel row, kernel column). */
        int k() {
            return cinPerGroup() * kh * kw;
        }

        int p() {
            return oh * ow;
        }
    }

    @Override
    public void conv2d(Strided x, Strided w, ConvGeometry geo, Strided out) {
        Dims d = Dims.of(x.shape(), w.shape(), out.shape(), geo.groups());
        Strided xp = Windows.padded(backend, x, geo.padH(), geo.padW(), 0);
        WindowAxes ax = WindowAxes.over(xp, d.groups, d.kh, d.kw, d.oh, d.ow, geo);
        Strided cols = Windows.copy(backend, Windows.view(xp.storage(), ax.offset(), ax.n(), ax.g(), ax.c(), ax.kh(), ax.kw(),
                ax.oh(), ax.ow()));
        Strided wd = Windows.dense(backend, w);
        int k = d.k();
        int p = d.p();
        Strided a = Windows.view(wd.storage(), wd.offset(), new Axis(d.n, 0), new Axis(d.groups, d.coutPerGroup() * k),
                new Axis(d.coutPerGroup(), k), new Axis(k, 1));
        Strided b = Windows.reshaped(cols, d.n, d.groups, k, p);
        Windows.matmul(backend, a, b, Windows.reshaped(out, d.n, d.groups, d.coutPerGroup(), p));
    }

    @Override
    public void conv2dBackwardData(Strided gradOut, Strided w, ConvGeometry geo, Strided gradInput) {
        Dims d = Dims.of(gradInput.shape(), w.shape(), gradOut.shape(), geo.groups());
        int k = d.k();
        int p = d.p();
        Strided wd = Windows.dense(backend, w);
        Strided wT = Windows.view(wd.storage(), wd.offset(), new Axis(d.n, 0), new Axis(d.groups, d.coutPerGroup() * k),
                new Axis(k, 1), new Axis(d.coutPerGroup(), k));
        Strided gy = Windows.reshaped(Windows.dense(backend, gradOut), d.n, d.groups, d.coutPerGroup(), p);
        Strided gcols = Windows.allocate(backend, gradOut.dtype(), d.n, d.groups, k, p);
        Windows.matmul(backend, wT, gy, gcols);

        WindowAxes src = new WindowAxes(new Axis(d.n, d.groups * k * p), new Axis(d.groups, k * p),
                new Axis(d.cinPerGroup(), d.kh * d.kw * p), new Axis(d.kh, d.kw * p), new Axis(d.kw, p),
                new Axis(d.oh, d.ow), new Axis(d.ow, 1), gcols.offset());
        Windows.col2im(backend, gradInput, geo, d.kh, d.kw, d.oh, d.ow, gcols.storage(), src);
    }

    @Override
    public void conv2dBackwardFilter(Strided x, Strided gradOut, ConvGeometry geo, Strided gradWeight) {
        Dims d = Dims.of(x.shape(), gradWeight.shape(), gradOut.shape(), geo.groups());
        int k = d.k();
        int np = d.n * d.p();
        Strided xp = Windows.padded(backend, x, geo.padH(), geo.padW(), 0);
        WindowAxes ax = WindowAxes.over(xp, d.groups, d.kh, d.kw, d.oh, d.ow, geo);
        // columns ordered [G, K, N·P] so the batch folds into the contraction
        Strided cols = Windows.copy(backend, Windows.view(xp.storage(), ax.offset(), ax.g(), ax.c(), ax.kh(), ax.kw(),
                ax.n(), ax.oh(), ax.ow()));
        int[] gs = gradOut.strides();
        Strided gy = Windows.copy(backend, Windows.view(gradOut.storage(), gradOut.offset(),
                new Axis(d.groups, d.coutPerGroup() * gs[1]), new Axis(d.coutPerGroup(), gs[1]), new Axis(d.n, gs[0]),
                new Axis(d.oh, gs[2]), new Axis(d.ow, gs[3])));
        Strided a = Windows.reshaped(gy, d.groups, d.coutPerGroup(), np);
        Strided bT = Windows.view(cols.storage(), cols.offset(), new Axis(d.groups, k * np), new Axis(np, 1), new Axis(k, np));
        Windows.matmul(backend, a, bT, Windows.reshaped(gradWeight, d.groups, d.coutPerGroup(), k));
    }
}
