package dev.nabla.backend.fast;

import dev.nabla.backend.Backend;
import dev.nabla.backend.Strided;
import dev.nabla.backend.fast.Windows.Axis;

/**
 * {@link ConvKernel} lowered to columns: im2col and col2im through the backend's {@link Im2ColKernel}
 * (else {@link WindowIm2Col} on its primitives) and one batched matmul per pass. Correct for every
 * geometry, memory-hungry (a column matrix of {@code C·kh·kw × OH·OW} per image), not fast.
 */
public final class ReferenceConv implements ConvKernel {

    private final Backend backend;
    private final Im2ColKernel columns;
    private final MatmulKernel products;

    /** A reference kernel computing with {@code backend}'s primitives and its im2col kernel when it has one. */
    public ReferenceConv(Backend backend) {
        this.backend = backend;
        this.columns = backend.fastPath(Im2ColKernel.class).orElseGet(() -> new WindowIm2Col(backend));
        this.products = MatmulKernel.of(backend);
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
        Strided cols = columns(x, geo, d);
        Strided wd = Windows.dense(backend, w);
        int k = d.k();
        int p = d.p();
        Strided a = Windows.view(wd.storage(), wd.offset(), new Axis(d.n, 0), new Axis(d.groups, d.coutPerGroup() * k),
                new Axis(d.coutPerGroup(), k), new Axis(k, 1));
        Strided b = Windows.reshaped(cols, d.n, d.groups, k, p);
        products.matmul(a, b, Windows.reshaped(out, d.n, d.groups, d.coutPerGroup(), p));
    }

    /** The column matrix of {@code x}: {@code [N, Cin·kh·kw, OH·OW]}, that is {@code [N, G, K, P]}. */
    private Strided columns(Strided x, ConvGeometry geo, Dims d) {
        Strided cols = Windows.allocate(backend, x.dtype(), d.n, d.cin * d.kh * d.kw, d.p());
        columns.im2col(x, geo, d.kh, d.kw, cols);
        return cols;
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
        products.matmul(wT, gy, gcols);
        columns.col2im(Windows.reshaped(gcols, d.n, d.cin * d.kh * d.kw, p), geo, d.kh, d.kw, gradInput);
    }

    @Override
    public void conv2dBackwardFilter(Strided x, Strided gradOut, ConvGeometry geo, Strided gradWeight) {
        Dims d = Dims.of(x.shape(), gradWeight.shape(), gradOut.shape(), geo.groups());
        int k = d.k();
        int np = d.n * d.p();
        // columns reordered [G, K, N·P] so the batch folds into the contraction
        Strided perImage = columns(x, geo, d);
        Strided cols = d.n == 1 ? perImage : Windows.copy(backend, Windows.view(perImage.storage(), perImage.offset(),
                new Axis(d.groups, k * d.p()), new Axis(k, d.p()), new Axis(d.n, d.groups * k * d.p()), new Axis(d.p(), 1)));
        int[] gs = gradOut.strides();
        Strided gy = Windows.copy(backend, Windows.view(gradOut.storage(), gradOut.offset(),
                new Axis(d.groups, d.coutPerGroup() * gs[1]), new Axis(d.coutPerGroup(), gs[1]), new Axis(d.n, gs[0]),
                new Axis(d.oh, gs[2]), new Axis(d.ow, gs[3])));
        Strided a = Windows.reshaped(gy, d.groups, d.coutPerGroup(), np);
        Strided bT = Windows.view(cols.storage(), cols.offset(), new Axis(d.groups, k * np), new Axis(np, 1), new Axis(k, np));
        products.matmul(a, bT, Windows.reshaped(gradWeight, d.groups, d.coutPerGroup(), k));
    }
}
