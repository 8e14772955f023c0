package dev.nabla;

/** Argument checks shared by the op implementations; messages name the op and the offenders. */
final class Checks {

    private Checks() {
    }

    static void sameDevice(String op, Tensor... tensors) {
        Device first = tensors[0].device();
        for (Tensor t : tensors) {
            if (!t.device().equals(first)) {
                throw new IllegalArgumentException(op + ": tensors are on different devices: " + first + " and "
                        + t.device() + " (move them with to(device))");
            }
        }
    }

    static void floating(String op, Tensor t) {
        if (!t.dtype().isFloating()) {
            throw new IllegalArgumentException(op + ": expected a floating tensor, got " + t.dtype().id()
                    + " of shape " + t.shape());
        }
    }

    static void dtype(String op, Tensor t, DType expected, String what) {
        if (t.dtype() != expected) {
            throw new IllegalArgumentException(op + ": " + what + " must be " + expected.id() + ", got "
                    + t.dtype().id() + " of shape " + t.shape());
        }
    }
}
