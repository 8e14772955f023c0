package dev.nabla.nn;

import dev.nabla.DType;
import dev.nabla.Shape;
import dev.nabla.Tensor;
import dev.nabla.backend.Backend;

/** Fresh output tensors for ops that fill them through a fast-path kernel. */
final class Buffers {

    private Buffers() {
    }

    /** A contiguous zero tensor on {@code like}'s backend. */
    static Tensor empty(Tensor like, DType dtype, int... shape) {
        Backend backend = like.backend();
        return Tensor.fromStorage(backend.allocate(dtype, Shape.numel(shape)), shape);
    }
}
