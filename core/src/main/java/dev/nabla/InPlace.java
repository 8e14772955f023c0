package dev.nabla;

import dev.nabla.autograd.GradMode;
import dev.nabla.backend.BinaryOp;
import java.util.Arrays;

/** In-place writes: not differentiable, and refused on tensors the graph depends on. */
final class InPlace {

    private InPlace() {
    }

    static Tensor apply(String op, BinaryOp binary, Tensor self, Tensor other) {
        if (binary == BinaryOp.DIV && !self.dtype().isFloating()) {
            // true division of integers is a float; truncating it silently is the bug PyTorch refuses too
            throw new IllegalArgumentException(op + ": the quotient is a float, which the " + self.dtype().id()
                    + " tensor of shape " + self.shape() + " cannot hold (use div, or floorDivide for an integer "
                    + "result)");
        }
        Tensor src = prepare(op, self, other);
        self.backend().binary(binary, self.strided(), Views.broadcastStrided(src, self.dims()), self.strided());
        self.storage().bumpVersion();
        return self;
    }

    static Tensor copyFrom(Tensor self, Tensor other) {
        Tensor src = prepare("copyFrom", self, other);
        self.backend().copy(Views.broadcastStrided(src, self.dims()), self.strided());
        self.storage().bumpVersion();
        return self;
    }

    static Tensor fill(Tensor self, double value) {
        checkWritable("fillInPlace", self);
        self.backend().fill(self.strided(), value);
        self.storage().bumpVersion();
        return self;
    }

    private static Tensor prepare(String op, Tensor self, Tensor other) {
        checkWritable(op, self);
        Checks.sameDevice(op, self, other);
        int[] shape = Shape.broadcast(op, self.dims(), other.dims());
        if (!Arrays.equals(shape, self.dims())) {
            throw new IllegalArgumentException(op + ": a tensor of shape " + other.shape()
                    + " cannot be broadcast into the in-place target of shape " + self.shape());
        }
        return Elementwise.castRaw(other, self.dtype());
    }

    private static void checkWritable(String op, Tensor self) {
        int[] strides = self.rawStrides();
        for (int d = 0; d < strides.length; d++) {
            if (strides[d] == 0 && self.dims()[d] > 1) {
                // several elements share one memory location: the result would depend on the visiting order
                throw new IllegalArgumentException(op + ": the target of shape " + self.shape() + " is an expanded view "
                        + "whose elements share memory (stride 0 in dimension " + d + "); write to a contiguous() copy");
            }
        }
        if (GradMode.isEnabled() && self.requiresGrad()) {
            throw new IllegalStateException(op + ": a tensor of shape " + self.shape() + " that requires grad cannot be "
                    + "modified in place while grad mode is on (use Autograd.noGrad(), or detach() it)");
        }
    }
}
