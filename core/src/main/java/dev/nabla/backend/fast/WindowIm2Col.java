package dev.nabla.backend.fast;

import dev.nabla.backend.Backend;
import dev.nabla.backend.Strided;
import dev.nabla.backend.fast.Windows.Axis;
import dev.nabla.backend.fast.Windows.WindowAxes;

/**
 * {@link Im2ColKernel} written with backend primitives: im2col copies a strided window view of the
 * zero-padded input into the columns (one copy, no index tables), col2im adds each kernel tap's slice
 * of the columns into a zeroed padded buffer ({@code kh·kw} adds). Serves backends without their own
 * kernel.
 */
public final class WindowIm2Col implements Im2ColKernel {

    private final Backend backend;

    /** Lowers with {@code backend}'s primitives. */
    public WindowIm2Col(Backend backend) {
        this.backend = backend;
    }

    @Override
    public void im2col(Strided x, ConvGeometry geometry, int kh, int kw, Strided cols) {
        ColumnLayout layout = ColumnLayout.between("im2col", x, geometry, kh, kw, cols);
        Strided xp = Windows.padded(backend, x, geometry.padH(), geometry.padW(), 0);
        WindowAxes ax = WindowAxes.over(xp, 1, kh, kw, layout.outH(), layout.outW(), geometry);
        Strided windows = Windows.view(xp.storage(), ax.offset(), ax.n(), ax.c(), ax.kh(), ax.kw(), ax.oh(), ax.ow());
        backend.copy(windows, Windows.reshaped(cols, windows.shape()));
    }

    @Override
    public void col2im(Strided cols, ConvGeometry geometry, int kh, int kw, Strided gradInput) {
        ColumnLayout layout = ColumnLayout.between("col2im", gradInput, geometry, kh, kw, cols);
        int c = layout.channels();
        int p = layout.outH() * layout.outW();
        WindowAxes src = new WindowAxes(new Axis(layout.batch(), c * kh * kw * p), new Axis(1, 0), new Axis(c, kh * kw * p),
                new Axis(kh, kw * p), new Axis(kw, p), new Axis(layout.outH(), layout.outW()), new Axis(layout.outW(), 1),
                cols.offset());
        Windows.col2im(backend, gradInput, geometry, kh, kw, layout.outH(), layout.outW(), cols.storage(), src);
    }
}
