package dev.nabla;

import dev.nabla.backend.Backend;
import dev.nabla.backend.BinaryOp;
import dev.nabla.backend.RandomOp;
import dev.nabla.backend.ReduceOp;
import dev.nabla.backend.Storage;
import dev.nabla.backend.Strided;
import dev.nabla.backend.UnaryOp;

/**
 * Tensors on a backend that claims to be cuda:0 and computes nothing: enough to meet the device
 * checks of ops on a machine without a GPU.
 */
public final class ElsewhereDevice {

    private ElsewhereDevice() {
    }

    /** An uninitialised tensor on cuda:0; any computation on it throws. */
    public static Tensor tensor(DType dtype, int... shape) {
        return Tensor.fromStorage(new ElsewhereBackend().allocate(dtype, Shape.numel(shape)), shape);
    }

    private static final class ElsewhereBackend implements Backend {
        @Override public Device device() { return Device.cuda(0); }
        @Override public Storage allocate(DType dtype, int size) { return new ElsewhereStorage(this, dtype, size); }
        @Override public Storage upload(Object hostArray) { throw unsupported(); }
        @Override public Object download(Strided src) { throw unsupported(); }
        @Override public void copy(Strided src, Strided dst) { throw unsupported(); }
        @Override public void fill(Strided dst, double value) { throw unsupported(); }
        @Override public void unary(UnaryOp op, Strided x, Strided out) { throw unsupported(); }
        @Override public void binary(BinaryOp op, Strided a, Strided b, Strided out) { throw unsupported(); }
        @Override public void where(Strided cond, Strided a, Strided b, Strided out) { throw unsupported(); }
        @Override public void reduce(ReduceOp op, Strided x, Strided out) { throw unsupported(); }
        @Override public void argReduce(ReduceOp op, Strided x, int axis, Strided out) { throw unsupported(); }
        @Override public void random(RandomOp op, long seed, long offset, double a, double b, Strided out) {
            throw unsupported();
        }
        @Override public void gather(Strided x, int axis, Strided index, Strided out) { throw unsupported(); }
        @Override public void scatterAdd(Strided dst, int axis, Strided index, Strided src) { throw unsupported(); }

        private static UnsupportedOperationException unsupported() {
            return new UnsupportedOperationException("the test backend computes nothing");
        }
    }

    private static final class ElsewhereStorage extends Storage {
        private final Backend backend;

        ElsewhereStorage(Backend backend, DType dtype, int size) {
            super(dtype, size);
            this.backend = backend;
        }

        @Override
        public Backend backend() {
            return backend;
        }
    }
}
