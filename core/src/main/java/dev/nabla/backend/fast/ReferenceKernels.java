package dev.nabla.backend.fast;

import dev.nabla.backend.Backend;
import dev.nabla.backend.BinaryOp;
import dev.nabla.backend.ReduceOp;
import dev.nabla.backend.Storage;
import dev.nabla.backend.Strided;
import java.util.Arrays;

/**
 * Fast-path operations written with primitives only, so a new backend works before it has
 * kernels of its own. Correct, not fast.
 */
public final class ReferenceKernels {

    private ReferenceKernels() {
    }

    /** See {@link MatmulKernel#matmul}: broadcast multiply to {@code [B..., M, K, N]}, then sum over K. */
    public static void matmul(Backend backend, Strided a, Strided b, Strided out) {
        int r = a.rank();
        int k = a.shape()[r - 1];
        int n = b.shape()[r - 1];
        int[] big = Arrays.copyOf(a.shape(), r + 1);
        big[r - 1] = k;
        big[r] = n;
        int[] aStrides = Arrays.copyOf(a.strides(), r + 1);
        aStrides[r] = 0;
        int[] bStrides = new int[r + 1];
        System.arraycopy(b.strides(), 0, bStrides, 0, r - 2);
        bStrides[r - 2] = 0;
        bStrides[r - 1] = b.strides()[r - 2];
        bStrides[r] = b.strides()[r - 1];
        Storage product = backend.allocate(out.dtype(), Arrays.stream(big).reduce(1, (x, y) -> x * y));
        Strided prod = Strided.contiguous(product, big);
        backend.binary(BinaryOp.MUL, new Strided(a.storage(), big, aStrides, a.offset()),
                new Strided(b.storage(), big, bStrides, b.offset()), prod);
        int[] reducedShape = big.clone();
        reducedShape[r - 1] = 1;
        int[] outStrides = Arrays.copyOf(out.strides(), r + 1);
        outStrides[r] = out.strides()[r - 1];
        outStrides[r - 1] = 0;
        backend.reduce(ReduceOp.SUM, prod, new Strided(out.storage(), reducedShape, outStrides, out.offset()));
    }
}
