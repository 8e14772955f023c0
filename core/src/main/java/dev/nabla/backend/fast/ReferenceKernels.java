package dev.nabla.backend.fast;

import dev.nabla.Shape;
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

    /**
     * See {@link ScanKernel#scan}: a Hillis–Steele scan. After the pass with shift {@code s}, each element
     * combines the {@code 2s} inputs ending (or, reversed, starting) at it; {@code ⌈log2 n⌉} passes of one
     * elementwise op and one copy each, all on the backend's device.
     */
    public static void scan(Backend backend, ScanOp op, Strided x, int axis, boolean reverse, Strided out) {
        backend.copy(x, out);
        int n = x.shape()[axis];
        if (n <= 1 || x.numel() == 0) {
            return;
        }
        int[] partShape = x.shape().clone();
        partShape[axis] = n - 1;
        Storage scratch = backend.allocate(out.dtype(), Shape.numel(partShape));
        for (int shift = 1; shift < n; shift *= 2) {
            int length = n - shift;
            Strided target = narrow(out, axis, reverse ? 0 : shift, length);
            Strided partner = narrow(out, axis, reverse ? shift : 0, length);
            partShape[axis] = length;
            Strided combined = Strided.contiguous(scratch, partShape.clone());
            backend.binary(op.combine(), target, partner, combined);
            backend.copy(combined, target);
        }
    }

    /**
     * See {@link SortKernel#argsort}: downloads the keys with the axis last, sorts each line on the host with
     * {@link LineSort}, and uploads the positions.
     */
    public static void argsort(Backend backend, Strided x, int axis, boolean descending, Strided out) {
        int n = x.shape()[axis];
        int total = x.numel();
        if (total == 0) {
            return;
        }
        Object keys = backend.download(axisLast(x, axis));
        long[] positions = new long[total];
        int[] order = new int[n];
        int[] scratch = new int[n];
        long[] ranks = new long[n];
        for (int start = 0; start < total; start += n) {
            LineSort.argsort(keys, start, 1, n, descending, order, scratch, ranks);
            for (int i = 0; i < n; i++) {
                positions[start + i] = order[i];
            }
        }
        Strided target = axisLast(out, axis);
        backend.copy(Strided.contiguous(backend.upload(positions), target.shape()), target);
    }

    /** {@code length} elements of {@code s} from {@code start} along {@code axis}. */
    private static Strided narrow(Strided s, int axis, int start, int length) {
        int[] shape = s.shape().clone();
        shape[axis] = length;
        return new Strided(s.storage(), shape, s.strides(), s.offset() + start * s.strides()[axis]);
    }

    /** The same elements with {@code axis} moved to the end. */
    private static Strided axisLast(Strided s, int axis) {
        Strided rest = s.withoutAxis(axis);
        int[] shape = Arrays.copyOf(rest.shape(), s.rank());
        int[] strides = Arrays.copyOf(rest.strides(), s.rank());
        shape[s.rank() - 1] = s.shape()[axis];
        strides[s.rank() - 1] = s.strides()[axis];
        return new Strided(s.storage(), shape, strides, s.offset());
    }
}
