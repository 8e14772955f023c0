package dev.nabla;

import dev.nabla.autograd.GradMode;
import dev.nabla.autograd.Graph;
import dev.nabla.backend.fast.ScanKernel;
import dev.nabla.backend.fast.ScanOp;

/** Running sums and products along a dimension ({@code cumsum}, {@code cumprod}) and their gradients. */
final class Scans {

    private Scans() {
    }

    /** The running sums along {@code dim}, from the end when {@code reverse}. */
    static Tensor cumsum(Tensor x, int dim, boolean reverse) {
        if (x.rank() == 0) {
            return cumsum(x.reshape(1), dim, reverse).reshape();
        }
        int d = Shape.normalizeDim("cumsum", dim, x.rank());
        Tensor out = scan(ScanOp.SUM, x, d, reverse);
        // the adjoint of a running sum is the running sum from the other end
        return Graph.record("cumsum", out, new Tensor[] {x}, g -> new Tensor[] {cumsum(g, d, !reverse)});
    }

    /** The running products along {@code dim}. */
    static Tensor cumprod(Tensor x, int dim) {
        if (x.rank() == 0) {
            return cumprod(x.reshape(1), dim).reshape();
        }
        int d = Shape.normalizeDim("cumprod", dim, x.rank());
        Tensor out = scan(ScanOp.PRODUCT, x, d, false);
        return Graph.record("cumprod", out, new Tensor[] {x}, g -> new Tensor[] {cumprodGradient(g, x, out, d)},
                x, out);
    }

    private static Tensor scan(ScanOp op, Tensor x, int d, boolean reverse) {
        Tensor out = Tensor.empty(x.backend(), x.dtype(), x.dims());
        ScanKernel.of(x.backend()).scan(op, x.strided(), d, reverse, out.strided());
        return out;
    }

    /**
     * {@code ∂/∂x_k = Σ_{j≥k} g_j · Π_{i≤j, i≠k} x_i}. Without zeros in x that is
     * {@code revcumsum(g·out) / x}. With zeros it is assembled as PyTorch does: the division formula before
     * each line's first zero, an explicit product at that zero, and 0 after it; when the gradient is itself
     * recorded (gradients of gradients), the quadratic form, whose derivative is right at zeros too.
     */
    private static Tensor cumprodGradient(Tensor g, Tensor x, Tensor out, int d) {
        if (x.dims()[d] <= 1) {
            return g;
        }
        boolean hasZero = x.numel() > 0 && x.eq(0).max().item() != 0;
        if (!hasZero) {
            return cumsum(g.mul(out), d, true).div(x);
        }
        return GradMode.isEnabled() ? quadraticCumprodGradient(g, x, d) : maskedCumprodGradient(g, x, out, d);
    }

    private static Tensor maskedCumprodGradient(Tensor g, Tensor x, Tensor out, int d) {
        int n = x.dims()[d];
        Tensor zero = Creation.scalarLike(0, x);
        Tensor one = Creation.scalarLike(1, x);
        Tensor isZero = x.eq(0);
        Tensor zerosSoFar = cumsum(isZero, d, false);
        // before the first zero, every x_k is nonzero and the division formula holds
        Tensor beforeFirst = zerosSoFar.eq(0);
        Tensor before = Tensor.where(beforeFirst,
                cumsum(Tensor.where(beforeFirst, g.mul(out), zero), d, true).div(Tensor.where(beforeFirst, x, one)),
                zero);
        // at the first zero z: Π_{i<z} x_i · Σ_{j≥z} g_j Π_{z<i≤j} x_i; terms past the second zero vanish
        Tensor firstSegment = zerosSoFar.eq(1);
        Tensor firstZero = isZero.mul(firstSegment);
        Tensor afterFirstZero = firstSegment.sub(firstZero);
        Tensor tail = Tensor.where(firstSegment, g, zero).mul(cumprod(Tensor.where(afterFirstZero, x, one), d))
                .sum(new int[] {d}, true);
        Tensor exclusive = Tensor.cat(d, Tensor.onesLike(x.narrow(d, 0, 1)), out.narrow(d, 0, n - 1));
        return Tensor.where(firstZero, exclusive.mul(tail), before);
    }

    /**
     * The gradient as one product per (k, j) pair: row k of an {@code n × n} matrix holds x with x_k replaced by
     * 1, whose running product at j is {@code Π_{i≤j, i≠k} x_i}; O(n²) memory per line.
     */
    private static Tensor quadraticCumprodGradient(Tensor g, Tensor x, int d) {
        int n = x.dims()[d];
        Tensor lines = x.transpose(d, -1).unsqueeze(-2);
        int[] square = lines.shape().toArray();
        square[square.length - 2] = n;
        Tensor position = Tensor.arange(0, n, 1, DType.INT64, x.device());
        Tensor row = position.unsqueeze(1);
        Tensor column = position.unsqueeze(0);
        Tensor omitted = cumprod(Tensor.where(row.eq(column), Creation.scalarLike(1, x), lines.expand(square)), -1);
        Tensor terms = omitted.mul(g.transpose(d, -1).unsqueeze(-2));
        Tensor kept = Tensor.where(column.ge(row), terms, Creation.scalarLike(0, terms));
        return kept.sum(new int[] {-1}, false).transpose(d, -1);
    }
}
