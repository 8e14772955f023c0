package dev.nabla;

import dev.nabla.backend.ReduceOp;
import dev.nabla.backend.fast.SortKernel;

/**
 * Ops that pick values by their order along a dimension: sort, argsort, top-k, and max/min with their
 * positions. The backend supplies positions only; the values are a gather at them, so gradients flow to
 * the picked elements (and gradients of gradients work) on every backend. A 0-d tensor counts as one
 * element along dimension 0 (or -1), as in PyTorch.
 */
final class Sorting {

    private Sorting() {
    }

    /** The stable sorting permutation along {@code dim} (NaN greatest). */
    static Tensor argsort(Tensor x, int dim, boolean descending) {
        int d = dimension("argsort", x, dim);
        if (x.rank() == 0) {
            return Tensor.zeros(DType.INT64, x.device());
        }
        Tensor out = Tensor.empty(x.backend(), DType.INT64, x.dims());
        SortKernel.of(x.backend()).argsort(x.strided(), d, descending, out.strided());
        return out;
    }

    static ValuesIndices sort(Tensor x, int dim, boolean descending) {
        return picked(x, dimension("sort", x, dim), argsort(x, dim, descending));
    }

    static ValuesIndices topk(Tensor x, int k, int dim, boolean largest) {
        int d = dimension("topk", x, dim);
        int size = x.rank() == 0 ? 1 : x.dims()[d];
        if (k < 0 || k > size) {
            throw new IllegalArgumentException("topk: k = " + k + " is out of range for dimension " + dim + " of size "
                    + size + " (shape " + x.shape() + ")");
        }
        Tensor order = argsort(x, d, largest);
        return picked(x, d, x.rank() == 0 ? order : order.narrow(d, 0, k));
    }

    /** The largest (MAX) or smallest (MIN) value along {@code dim} with the position of its first occurrence. */
    static ValuesIndices extreme(ReduceOp op, Tensor x, int dim, boolean keepDim) {
        String name = op == ReduceOp.MAX ? "max" : "min";
        int d = dimension(name, x, dim);
        if (x.rank() == 0) {
            return picked(x, d, Tensor.zeros(DType.INT64, x.device()));
        }
        if (x.dims()[d] == 0) {
            throw new IllegalArgumentException(name + ": cannot reduce over the empty dimension " + dim + " of shape "
                    + x.shape());
        }
        ValuesIndices kept = picked(x, d, Reductions.argReduce(op, x, d, true));
        return keepDim ? kept : new ValuesIndices(kept.values().squeeze(d), kept.indices().squeeze(d));
    }

    /** {@code dim} normalised; a 0-d tensor accepts 0 and -1. */
    private static int dimension(String op, Tensor x, int dim) {
        return Shape.normalizeDim(op, dim, Math.max(1, x.rank()));
    }

    /** The values at {@code indices} along the normalised dimension {@code d}. */
    private static ValuesIndices picked(Tensor x, int d, Tensor indices) {
        return new ValuesIndices(x.rank() == 0 ? x : Indexing.gatherInRange(x, d, indices), indices);
    }
}
