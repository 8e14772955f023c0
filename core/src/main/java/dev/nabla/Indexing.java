package dev.nabla;

import dev.nabla.autograd.Graph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Joining, splitting, gathering and scattering. */
final class Indexing {

    private Indexing() {
    }

    static Tensor cat(int dim, Tensor... tensors) {
        if (tensors.length == 0) {
            throw new IllegalArgumentException("cat: needs at least one tensor");
        }
        Tensor first = tensors[0];
        Checks.sameDevice("cat", tensors);
        int d = Shape.normalizeDim("cat", dim, first.rank());
        int total = 0;
        for (Tensor t : tensors) {
            if (t.rank() != first.rank() || t.dtype() != first.dtype()) {
                throw new IllegalArgumentException("cat: all tensors need the same rank and dtype, got " + first.shape() + " "
                        + first.dtype().id() + " and " + t.shape() + " " + t.dtype().id());
            }
            for (int i = 0; i < first.rank(); i++) {
                if (i != d && t.dims()[i] != first.dims()[i]) {
                    throw new IllegalArgumentException("cat: shapes " + first.shape() + " and " + t.shape()
                            + " differ in dimension " + i + " (only dimension " + d + " may differ)");
                }
            }
            total += t.dims()[d];
        }
        int[] shape = first.dims().clone();
        shape[d] = total;
        Tensor out = Tensor.empty(first.backend(), first.dtype(), shape);
        int[] starts = new int[tensors.length];
        int at = 0;
        for (int i = 0; i < tensors.length; i++) {
            starts[i] = at;
            int len = tensors[i].dims()[d];
            first.backend().copy(tensors[i].strided(), Views.sliceRaw(out, d, at, at + len, 1).strided());
            at += len;
        }
        Tensor[] inputs = tensors.clone();
        return Graph.record("cat", out, inputs, g -> {
            Tensor[] grads = new Tensor[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                grads[i] = g.narrow(d, starts[i], inputs[i].dims()[d]);
            }
            return grads;
        });
    }

    static Tensor stack(int dim, Tensor... tensors) {
        if (tensors.length == 0) {
            throw new IllegalArgumentException("stack: needs at least one tensor");
        }
        int d = Shape.normalizeDim("stack", dim, tensors[0].rank() + 1);
        Tensor[] expanded = new Tensor[tensors.length];
        for (int i = 0; i < tensors.length; i++) {
            if (!tensors[i].shape().equals(tensors[0].shape())) {
                throw new IllegalArgumentException("stack: all tensors need the same shape, got " + tensors[0].shape()
                        + " and " + tensors[i].shape());
            }
            expanded[i] = tensors[i].unsqueeze(d);
        }
        return cat(d, expanded);
    }

    static List<Tensor> split(Tensor t, int size, int dim) {
        int d = Shape.normalizeDim("split", dim, t.rank());
        if (size <= 0) {
            throw new IllegalArgumentException("split: size must be positive, got " + size);
        }
        List<Tensor> parts = new ArrayList<>();
        for (int start = 0; start < t.dims()[d]; start += size) {
            parts.add(t.narrow(d, start, Math.min(size, t.dims()[d] - start)));
        }
        return parts;
    }

    static List<Tensor> chunk(Tensor t, int chunks, int dim) {
        if (chunks <= 0) {
            throw new IllegalArgumentException("chunk: number of chunks must be positive, got " + chunks);
        }
        int d = Shape.normalizeDim("chunk", dim, t.rank());
        return split(t, Math.max(1, (t.dims()[d] + chunks - 1) / chunks), d);
    }

    private static void checkIndex(String op, Tensor x, int d, Tensor index, boolean sameOtherDims) {
        Checks.sameDevice(op, x, index);
        Checks.dtype(op, index, DType.INT64, "index");
        if (index.rank() != x.rank()) {
            throw new IllegalArgumentException(op + ": index of shape " + index.shape() + " must have the rank of the "
                    + "tensor's shape " + x.shape());
        }
        for (int i = 0; i < x.rank(); i++) {
            if (i != d && (sameOtherDims ? index.dims()[i] != x.dims()[i] : index.dims()[i] > x.dims()[i])) {
                throw new IllegalArgumentException(op + ": index shape " + index.shape() + " does not fit tensor shape "
                        + x.shape() + " in dimension " + i);
            }
        }
        checkRange(op, index, x.dims()[d], "dimension " + d + " of size " + x.dims()[d]);
    }

    /** Every index in {@code [0, bound)}, else an error naming the offender. */
    static void checkRange(String op, Tensor index, int bound, String what) {
        if (index.numel() == 0) {
            return;
        }
        long lo = (long) index.min().item();
        long hi = (long) index.max().item();
        if (lo < 0 || hi >= bound) {
            throw new IllegalArgumentException(op + ": index " + (lo < 0 ? lo : hi) + " is out of range for " + what);
        }
    }

    static Tensor gather(Tensor x, int dim, Tensor index) {
        int d = Shape.normalizeDim("gather", dim, x.rank());
        checkIndex("gather", x, d, index, false);
        return gatherInRange(x, d, index);
    }

    /** {@link #gather} for an index already known to be in range (sorting and arg-reductions make them). */
    static Tensor gatherInRange(Tensor x, int d, Tensor index) {
        Tensor out = Tensor.empty(x.backend(), x.dtype(), index.dims());
        x.backend().gather(x.strided(), d, index.strided(), out.strided());
        int[] inShape = x.dims();
        return Graph.record("gather", out, new Tensor[] {x},
                g -> new Tensor[] {Tensor.zeros(g.dtype(), g.device(), inShape).scatterAdd(d, index, g)}, index);
    }

    static Tensor scatterAdd(Tensor self, int dim, Tensor index, Tensor src) {
        int d = Shape.normalizeDim("scatterAdd", dim, self.rank());
        checkIndex("scatterAdd", self, d, index, false);
        if (!src.shape().equals(index.shape())) {
            throw new IllegalArgumentException("scatterAdd: src shape " + src.shape() + " must equal index shape "
                    + index.shape());
        }
        Checks.sameDevice("scatterAdd", self, src);
        Tensor out = Tensor.empty(self.backend(), self.dtype(), self.dims());
        self.backend().copy(self.strided(), out.strided());
        self.backend().scatterAdd(out.strided(), d, index.strided(), Elementwise.castRaw(src, self.dtype()).strided());
        return Graph.record("scatterAdd", out, new Tensor[] {self, src},
                g -> new Tensor[] {self.requiresGrad() ? g : null, src.requiresGrad() ? g.gather(d, index) : null}, index);
    }

    static Tensor indexSelect(Tensor x, int dim, Tensor index) {
        int d = Shape.normalizeDim("indexSelect", dim, x.rank());
        if (index.rank() != 1) {
            throw new IllegalArgumentException("indexSelect: index must be 1-D, got shape " + index.shape());
        }
        Checks.sameDevice("indexSelect", x, index);
        Checks.dtype("indexSelect", index, DType.INT64, "index");
        checkRange("indexSelect", index, x.dims()[d], "dimension " + d + " of size " + x.dims()[d]);
        int[] viewShape = new int[x.rank()];
        Arrays.fill(viewShape, 1);
        viewShape[d] = index.numel();
        int[] outShape = x.dims().clone();
        outShape[d] = index.numel();
        return gather(x, d, index.reshape(viewShape).expand(outShape));
    }

    static Tensor oneHot(Tensor labels, int numClasses) {
        Checks.dtype("oneHot", labels, DType.INT64, "labels");
        if (numClasses <= 0) {
            throw new IllegalArgumentException("oneHot: numClasses must be positive, got " + numClasses);
        }
        checkRange("oneHot", labels, numClasses, numClasses + " classes");
        Tensor classes = Tensor.arange(0, numClasses, 1, DType.INT64, labels.device());
        return labels.unsqueeze(-1).eq(classes).to(DType.FLOAT32);
    }
}
