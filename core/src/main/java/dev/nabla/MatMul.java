package dev.nabla;

import dev.nabla.autograd.Graph;
import dev.nabla.backend.Backend;
import dev.nabla.backend.fast.MatmulKernel;
import java.util.Arrays;

/** Matrix products with PyTorch's rank rules. */
final class MatMul {

    private MatMul() {
    }

    static Tensor matmul(Tensor a, Tensor b) {
        Checks.sameDevice("matmul", a, b);
        if (a.rank() == 0 || b.rank() == 0) {
            throw new IllegalArgumentException("matmul: both arguments need at least 1 dimension, got shapes " + a.shape()
                    + " and " + b.shape());
        }
        Checks.floating("matmul", a);
        Checks.floating("matmul", b);
        if (a.rank() == 1 && b.rank() == 1) {
            return batched(a.unsqueeze(0), b.unsqueeze(1), a, b).reshape();
        }
        if (a.rank() == 1) {
            return batched(a.unsqueeze(0), b, a, b).squeeze(-2);
        }
        if (b.rank() == 1) {
            return product(a, b.unsqueeze(1), a, b).squeeze(-1);
        }
        return product(a, b, a, b);
    }

    /**
     * A product of a batched {@code a} and a matrix {@code b} folds a's batch dimensions into its rows, as
     * PyTorch does: one product of {@code [batch·m, k]} by {@code [k, n]}, so b is read (and packed) once, and
     * b's gradient is one product over all rows rather than a {@code [batch, k, n]} stack of per-batch
     * products summed afterwards (a Linear layer on a sequence: 32 products of 64 rows, 2 M-element
     * intermediate and a reduction, in the Transformer benchmark's backward pass).
     */
    private static Tensor product(Tensor a, Tensor b, Tensor userA, Tensor userB) {
        if (a.rank() <= 2 || b.rank() != 2 || a.numel() == 0) {
            return batched(a, b, userA, userB);
        }
        int[] dims = a.dims();
        int k = dims[dims.length - 1];
        Tensor rows = batched(a.reshape(-1, k), b, userA, userB);
        int[] outShape = dims.clone();
        outShape[dims.length - 1] = b.dims()[1];
        return rows.reshape(outShape);
    }

    /** Both operands have rank >= 2; {@code userA}/{@code userB} are for error messages. */
    private static Tensor batched(Tensor a, Tensor b, Tensor userA, Tensor userB) {
        int ra = a.rank();
        int rb = b.rank();
        int m = a.dims()[ra - 2];
        int k = a.dims()[ra - 1];
        int n = b.dims()[rb - 1];
        if (b.dims()[rb - 2] != k) {
            throw new IllegalArgumentException("matmul: shapes " + userA.shape() + " and " + userB.shape()
                    + " are not aligned (" + k + " != " + b.dims()[rb - 2] + ")");
        }
        int[] batch = batchShape(a, b, userA, userB);
        DType dtype = DType.promote(a.dtype(), b.dtype());
        Tensor ac = Elementwise.castRaw(a, dtype);
        Tensor bc = Elementwise.castRaw(b, dtype);
        int[] outShape = append(batch, m, n);
        Backend backend = a.backend();
        Tensor out = Tensor.empty(backend, dtype, outShape);
        var sa = Views.broadcastStrided(ac, append(batch, m, k));
        var sb = Views.broadcastStrided(bc, append(batch, k, n));
        MatmulKernel.of(backend).matmul(sa, sb, out.strided());
        Shape shapeA = a.shape();
        Shape shapeB = b.shape();
        return Graph.record("matmul", out, new Tensor[] {a, b}, g -> new Tensor[] {
            a.requiresGrad() ? g.matmul(b.transpose(-1, -2)).sumTo(shapeA) : null,
            b.requiresGrad() ? a.transpose(-1, -2).matmul(g).sumTo(shapeB) : null}, a, b);
    }

    /** The broadcast of the batch dimensions, with an error that shows the whole operand shapes. */
    private static int[] batchShape(Tensor a, Tensor b, Tensor userA, Tensor userB) {
        int[] ba = Arrays.copyOf(a.dims(), a.rank() - 2);
        int[] bb = Arrays.copyOf(b.dims(), b.rank() - 2);
        for (int i = 1; i <= Math.min(ba.length, bb.length); i++) {
            int da = ba[ba.length - i];
            int db = bb[bb.length - i];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("matmul: batch dimensions of shapes " + userA.shape() + " and "
                        + userB.shape() + " cannot be broadcast (" + da + " vs " + db + ")");
            }
        }
        return Shape.broadcast("matmul", ba, bb);
    }

    private static int[] append(int[] batch, int x, int y) {
        int[] out = Arrays.copyOf(batch, batch.length + 2);
        out[batch.length] = x;
        out[batch.length + 1] = y;
        return out;
    }
}
