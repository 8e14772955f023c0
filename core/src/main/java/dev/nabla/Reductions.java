package dev.nabla;

import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.Graph;
import dev.nabla.backend.ReduceOp;
import java.util.Arrays;

/** Reductions over any set of dimensions, and the statistics built from them. */
final class Reductions {

    private Reductions() {
    }

    static int[] allDims(Tensor t) {
        int[] dims = new int[t.rank()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = i;
        }
        return dims;
    }

    /** Marks the reduced dimensions (normalised, duplicates rejected). */
    private static boolean[] reducedMask(String op, Tensor t, int[] dims) {
        boolean[] mask = new boolean[t.rank()];
        for (int dim : dims) {
            int d = Shape.normalizeDim(op, dim, t.rank());
            if (mask[d]) {
                throw new IllegalArgumentException(op + ": dimension " + dim + " appears twice in " + Arrays.toString(dims));
            }
            mask[d] = true;
        }
        return mask;
    }

    private static int[] keptShape(Tensor t, boolean[] mask) {
        int[] shape = t.dims().clone();
        for (int d = 0; d < shape.length; d++) {
            if (mask[d]) {
                shape[d] = 1;
            }
        }
        return shape;
    }

    private static int[] droppedShape(Tensor t, boolean[] mask) {
        int[] shape = new int[t.rank()];
        int j = 0;
        for (int d = 0; d < mask.length; d++) {
            if (!mask[d]) {
                shape[j++] = t.dims()[d];
            }
        }
        return Arrays.copyOf(shape, j);
    }

    private static int count(Tensor t, boolean[] mask) {
        int n = 1;
        for (int d = 0; d < mask.length; d++) {
            if (mask[d]) {
                n *= t.dims()[d];
            }
        }
        return n;
    }

    static Tensor reduce(ReduceOp op, Tensor x, int[] dims, boolean keepDim) {
        String name = Elementwise.name(op);
        boolean[] mask = reducedMask(name, x, dims);
        if (op != ReduceOp.SUM && count(x, mask) == 0) {
            throw new IllegalArgumentException(name + ": cannot reduce over an empty dimension of shape " + x.shape());
        }
        Tensor out = Tensor.empty(x.backend(), x.dtype(), keptShape(x, mask));
        x.backend().reduce(op, x.strided(), out.strided());
        int[] inShape = x.dims();
        Tensor kept = Graph.record(name, out, new Tensor[] {x}, op == ReduceOp.SUM
                ? g -> new Tensor[] {g.expand(inShape)}
                : g -> {
                    // ties share the gradient equally
                    Tensor winners = x.eq(out);
                    Tensor share = winners.div(winners.sum(dims, true));
                    return new Tensor[] {g.mul(share)};
                }, op == ReduceOp.SUM ? new Tensor[0] : new Tensor[] {x, out});
        return keepDim ? kept : kept.reshape(droppedShape(x, mask));
    }

    static Tensor argReduce(ReduceOp op, Tensor x, int dim, boolean keepDim) {
        String name = "arg" + Elementwise.name(op);
        int d = Shape.normalizeDim(name, dim, x.rank());
        if (x.dims()[d] == 0) {
            throw new IllegalArgumentException(name + ": cannot reduce over the empty dimension " + dim + " of shape " + x.shape());
        }
        boolean[] mask = new boolean[x.rank()];
        mask[d] = true;
        Tensor out = Tensor.empty(x.backend(), DType.INT64, keptShape(x, mask));
        x.backend().argReduce(op, x.strided(), d, out.strided());
        return keepDim ? out : out.reshape(droppedShape(x, mask));
    }

    static Tensor mean(Tensor x, int[] dims, boolean keepDim) {
        Checks.floating("mean", x);
        int n = count(x, reducedMask("mean", x, dims));
        return x.sum(dims, keepDim).div(n);
    }

    static Tensor var(Tensor x, int[] dims, int correction, boolean keepDim) {
        Checks.floating("var", x);
        int n = count(x, reducedMask("var", x, dims));
        Tensor centred = x.sub(x.mean(dims, true));
        return centred.mul(centred).sum(dims, keepDim).div(n - correction);
    }

    static Tensor logsumexp(Tensor x, int[] dims, boolean keepDim) {
        Checks.floating("logsumexp", x);
        Tensor m = x.detach().max(dims, true);
        // an all -inf slice must give -inf, not NaN: shift by 0 there
        m = Tensor.where(m.nonFinite(), Tensor.zerosLike(m), m);
        Tensor out = x.sub(m).exp().sum(dims, true).log().add(m);
        return keepDim ? out : out.reshape(droppedShape(x, reducedMask("logsumexp", x, dims)));
    }

    static Tensor norm(Tensor x, double p, int[] dims, boolean keepDim) {
        Checks.floating("norm", x);
        if (!(p > 0)) {
            throw new IllegalArgumentException("norm: p must be > 0, got " + p);
        }
        if (p == Double.POSITIVE_INFINITY) {
            return x.abs().max(dims, keepDim);
        }
        if (p == 1) {
            return x.abs().sum(dims, keepDim);
        }
        Tensor out;
        try (var ignored = Autograd.noGradScope()) {
            out = x.abs().pow(p).sum(dims, true).pow(1.0 / p);
        }
        // d|x|_p/dx = sign(x) |x|^(p-1) / |x|_p^(p-1), taken as 0 where the norm is 0 (as PyTorch does)
        // rather than the 0/0 that differentiating the composition would give
        Tensor kept = Graph.record("norm", out, new Tensor[] {x}, g -> {
            Tensor denominator = Tensor.where(out.eq(0), Tensor.onesLike(out), out.pow(p - 1));
            return new Tensor[] {g.mul(x.sign().mul(x.abs().pow(p - 1))).div(denominator)};
        }, x, out);
        return keepDim ? kept : kept.reshape(droppedShape(x, reducedMask("norm", x, dims)));
    }

    static Tensor sumTo(Tensor t, int[] target) {
        int[] dims = t.dims();
        if (Arrays.equals(dims, target)) {
            return t;
        }
        int lead = dims.length - target.length;
        if (lead < 0) {
            throw new IllegalArgumentException("sumTo: cannot reduce shape " + t.shape() + " to the larger rank of "
                    + Arrays.toString(target));
        }
        int[] reduce = new int[dims.length];
        int n = 0;
        for (int i = 0; i < dims.length; i++) {
            if (i < lead || (target[i - lead] == 1 && dims[i] != 1)) {
                reduce[n++] = i;
            } else if (target[i - lead] != dims[i]) {
                throw new IllegalArgumentException("sumTo: shape " + t.shape() + " does not broadcast from "
                        + Arrays.toString(target));
            }
        }
        return t.sum(Arrays.copyOf(reduce, n), true).reshape(target);
    }
}
