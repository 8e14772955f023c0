package dev.nabla.backend.fast;

import dev.nabla.DType;
import dev.nabla.backend.Backend;
import dev.nabla.backend.BinaryOp;
import dev.nabla.backend.Storage;
import dev.nabla.backend.Strided;

/**
 * Sliding-window arithmetic on NCHW buffers for the reference convolution and pooling: windows
 * are strided views (im2col without index tables), and their adjoint adds window-shaped slices
 * back into a padded buffer (col2im).
 */
final class Windows {

    /** One dimension of a hand-built strided view. */
    record Axis(int size, int stride) {
    }

    /**
     * The seven axes of the window view of an NCHW buffer: batch, channel group, channel within
     * the group, kernel row, kernel column, output row, output column.
     */
    record WindowAxes(Axis n, Axis g, Axis c, Axis kh, Axis kw, Axis oh, Axis ow, int offset) {

        /** Windows of {@code planes} ([N, C, Hp, Wp], any strides, padding already applied). */
        static WindowAxes over(Strided planes, int groups, int kh, int kw, int oh, int ow, ConvGeometry geo) {
            int[] s = planes.strides();
            int[] shape = planes.shape();
            int perGroup = shape[1] / groups;
            return new WindowAxes(new Axis(shape[0], s[0]), new Axis(groups, perGroup * s[1]), new Axis(perGroup, s[1]),
                    new Axis(kh, geo.dilationH() * s[2]), new Axis(kw, geo.dilationW() * s[3]),
                    new Axis(oh, geo.strideH() * s[2]), new Axis(ow, geo.strideW() * s[3]), planes.offset());
        }

        /** The offset of kernel tap (i, j). */
        int tap(int i, int j) {
            return offset + i * kh.stride + j * kw.stride;
        }
    }

    private Windows() {
    }

    /** A view of {@code storage} with the given axes. */
    static Strided view(Storage storage, int offset, Axis... axes) {
        int[] shape = new int[axes.length];
        int[] strides = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            shape[i] = axes[i].size();
            strides[i] = axes[i].stride();
        }
        return new Strided(storage, shape, strides, offset);
    }

    /** The same elements of a contiguous view under another row-major shape. */
    static Strided reshaped(Strided dense, int... shape) {
        return new Strided(dense.storage(), shape, Strided.contiguousStrides(shape), dense.offset());
    }

    /** A fresh contiguous zero buffer. */
    static Strided allocate(Backend backend, DType dtype, int... shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        return Strided.contiguous(backend.allocate(dtype, n), shape);
    }

    /** A contiguous copy of {@code src}. */
    static Strided copy(Backend backend, Strided src) {
        Strided out = allocate(backend, src.dtype(), src.shape());
        backend.copy(src, out);
        return out;
    }

    /** {@code src} itself when contiguous, else a contiguous copy. */
    static Strided dense(Backend backend, Strided src) {
        return src.isContiguous() ? src : copy(backend, src);
    }

    /** {@code x} ([N, C, H, W]) surrounded by {@code fill}; {@code x} itself when there is no padding. */
    static Strided padded(Backend backend, Strided x, int padH, int padW, double fill) {
        return padded(backend, x, padH, padW, 0, 0, fill);
    }

    /**
     * {@code x} surrounded by {@code fill}, with {@code extraH} more rows below and {@code extraW} more columns
     * right (where a ceil-mode pooling window overhangs the padding); {@code x} itself when there is none.
     */
    static Strided padded(Backend backend, Strided x, int padH, int padW, int extraH, int extraW, double fill) {
        if (padH == 0 && padW == 0 && extraH == 0 && extraW == 0) {
            return x;
        }
        int[] s = x.shape();
        Strided out = allocate(backend, x.dtype(), s[0], s[1], s[2] + 2 * padH + extraH, s[3] + 2 * padW + extraW);
        if (fill != 0) {
            backend.fill(out, fill);
        }
        backend.copy(x, interior(out, s[2], s[3], padH, padW));
        return out;
    }

    /** The unpadded [N, C, h, w] region of a padded buffer. */
    static Strided interior(Strided padded, int h, int w, int padH, int padW) {
        int[] s = padded.strides();
        int[] shape = {padded.shape()[0], padded.shape()[1], h, w};
        return new Strided(padded.storage(), shape, s.clone(), padded.offset() + padH * s[2] + padW * s[3]);
    }

    /**
     * col2im: for every kernel tap, adds the {@code src} window slice to the {@code dst} window
     * slice. Within one tap the destinations are distinct, so each add is a plain binary op.
     */
    private static void addWindows(Backend backend, Storage dst, WindowAxes dstAxes, Storage src, WindowAxes srcAxes) {
        for (int i = 0; i < dstAxes.kh().size(); i++) {
            for (int j = 0; j < dstAxes.kw().size(); j++) {
                Strided d = view(dst, dstAxes.tap(i, j), dstAxes.n(), dstAxes.g(), dstAxes.c(), dstAxes.oh(), dstAxes.ow());
                Strided s = view(src, srcAxes.tap(i, j), srcAxes.n(), srcAxes.g(), srcAxes.c(), srcAxes.oh(), srcAxes.ow());
                backend.binary(BinaryOp.ADD, d, s, d);
            }
        }
    }

    /**
     * col2im into {@code gradInput} ([N, C, H, W], contiguous): adds the {@code src} windows into a
     * zeroed buffer padded like the forward input (gradInput itself without padding), then copies
     * the unpadded region out.
     */
    static void col2im(Backend backend, Strided gradInput, ConvGeometry geo, int kh, int kw, int oh, int ow, Storage src,
            WindowAxes srcAxes) {
        col2im(backend, gradInput, geo, 0, 0, kh, kw, oh, ow, src, srcAxes);
    }

    /** {@link #col2im} where the windows reach {@code extraH} rows and {@code extraW} columns past the padding. */
    static void col2im(Backend backend, Strided gradInput, ConvGeometry geo, int extraH, int extraW, int kh, int kw, int oh,
            int ow, Storage src, WindowAxes srcAxes) {
        int[] in = gradInput.shape();
        boolean padded = geo.padH() > 0 || geo.padW() > 0 || extraH > 0 || extraW > 0;
        Strided target = padded
                ? allocate(backend, gradInput.dtype(), in[0], in[1], in[2] + 2 * geo.padH() + extraH,
                        in[3] + 2 * geo.padW() + extraW)
                : gradInput;
        if (!padded) {
            backend.fill(target, 0);
        }
        int groups = srcAxes.g().size();
        addWindows(backend, target.storage(), WindowAxes.over(target, groups, kh, kw, oh, ow, geo), src, srcAxes);
        if (padded) {
            backend.copy(interior(target, in[2], in[3], geo.padH(), geo.padW()), gradInput);
        }
    }

    /** Host values uploaded in {@code dtype} (FLOAT32 or FLOAT64). */
    static Storage upload(Backend backend, DType dtype, double[] values) {
        if (dtype == DType.FLOAT64) {
            return backend.upload(values.clone());
        }
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return backend.upload(f);
    }
}
