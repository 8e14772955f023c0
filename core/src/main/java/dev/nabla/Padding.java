package dev.nabla;

import dev.nabla.autograd.Graph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code pad} with PyTorch's {@code F.pad} conventions: {@code pads} holds (before, after) pairs for the last
 * dimension first, then the one before it, and so on. Constant padding is one recorded op (a fill and a copy
 * into the interior; its gradient is the interior of the incoming one); reflect and replicate join, per padded
 * dimension, the borders gathered by {@code indexSelect} (whose gradient adds the border's gradient back onto
 * the elements it copied) with the tensor itself. Everything runs on the tensor's backend.
 */
final class Padding {

    private Padding() {
    }

    static Tensor pad(Tensor x, int[] pads, PadMode mode, double value) {
        if (pads.length % 2 != 0 || pads.length / 2 > x.rank()) {
            throw new IllegalArgumentException("pad: needs (before, after) pairs for at most " + x.rank()
                    + " trailing dimensions of shape " + x.shape() + ", got " + Arrays.toString(pads));
        }
        if (mode != PadMode.CONSTANT && value != 0) {
            throw new IllegalArgumentException("pad: mode " + mode + " takes no value, got " + value);
        }
        return switch (mode) {
            case CONSTANT -> constant(x, pads, value);
            case REFLECT, REPLICATE -> copyingEdges(x, pads, mode);
        };
    }

    /** The dimension the pair {@code pair} of {@code pads} applies to. */
    private static int dimensionOf(Tensor x, int pair) {
        return x.rank() - 1 - pair;
    }

    private static Tensor constant(Tensor x, int[] pads, double value) {
        if (!x.dtype().isFloating() && value != Math.rint(value)) {
            throw new IllegalArgumentException("pad: value " + value + " is not a whole number, but the tensor is "
                    + x.dtype().id());
        }
        // crop first (negative pads), then only grow
        Tensor cropped = x;
        int[] shape = x.dims().clone();
        int[] start = new int[x.rank()];
        for (int pair = 0; pair < pads.length / 2; pair++) {
            int d = dimensionOf(x, pair);
            int before = pads[2 * pair];
            int after = pads[2 * pair + 1];
            int kept = x.dims()[d] + Math.min(before, 0) + Math.min(after, 0);
            if (kept < 0) {
                throw new IllegalArgumentException("pad: pads " + before + ", " + after + " crop more than the "
                        + x.dims()[d] + " elements of dimension " + d + " (shape " + x.shape() + ")");
            }
            cropped = cropped.narrow(d, -Math.min(before, 0), kept);
            start[d] = Math.max(before, 0);
            shape[d] = kept + start[d] + Math.max(after, 0);
        }
        Tensor out = Tensor.full(value, x.dtype(), x.device(), shape);
        x.backend().copy(cropped.strided(), interior(out, start, cropped.dims()).strided());
        int[] size = cropped.dims();
        return Graph.record("pad", out, new Tensor[] {cropped}, g -> new Tensor[] {interior(g, start, size)});
    }

    /** The part of {@code t} of shape {@code size} that starts at {@code start} (a chain of narrow views). */
    private static Tensor interior(Tensor t, int[] start, int[] size) {
        Tensor view = t;
        for (int d = 0; d < size.length; d++) {
            if (size[d] != t.dims()[d]) {
                view = view.narrow(d, start[d], size[d]);
            }
        }
        return view;
    }

    private static Tensor copyingEdges(Tensor x, int[] pads, PadMode mode) {
        Tensor out = x;
        for (int pair = 0; pair < pads.length / 2; pair++) {
            int d = dimensionOf(x, pair);
            int before = pads[2 * pair];
            int after = pads[2 * pair + 1];
            if (before == 0 && after == 0) {
                continue;
            }
            int size = x.dims()[d];
            if (before < 0 || after < 0) {
                throw new IllegalArgumentException("pad: mode " + mode + " cannot crop: pads " + before + ", " + after
                        + " for dimension " + d + " (negative pads only in CONSTANT mode)");
            }
            int limit = mode == PadMode.REFLECT ? size - 1 : Integer.MAX_VALUE;
            if (size == 0 || before > limit || after > limit) {
                throw new IllegalArgumentException("pad: " + mode + " pads " + before + ", " + after + " need "
                        + (mode == PadMode.REFLECT ? "to be smaller than" : "a non-empty")
                        + " dimension " + d + " of size " + size + " (shape " + x.shape() + ")");
            }
            // only the borders are gathered; the interior is one strided copy
            List<Tensor> parts = new ArrayList<>();
            if (before > 0) {
                parts.add(out.indexSelect(d, sources(mode, size, -before, 0, x.device())));
            }
            parts.add(out);
            if (after > 0) {
                parts.add(out.indexSelect(d, sources(mode, size, size, size + after, x.device())));
            }
            out = Tensor.cat(d, parts.toArray(Tensor[]::new));
        }
        return out;
    }

    /** The input positions that border positions {@code from .. to-1} (relative to the first input element) copy. */
    private static Tensor sources(PadMode mode, int size, int from, int to, Device device) {
        long[] source = new long[to - from];
        for (int i = 0; i < source.length; i++) {
            int p = from + i;
            if (mode == PadMode.REPLICATE) {
                source[i] = p < 0 ? 0 : size - 1;
            } else {
                source[i] = p < 0 ? -p : 2L * (size - 1) - p;
            }
        }
        return Creation.fromArray(source, source.length, new int[] {source.length}, device);
    }
}
