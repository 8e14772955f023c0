package dev.nabla.cpu.kernels;

import dev.nabla.backend.BinaryOp;

/** {@link FloatSelect} as plain loops: the reference, and the path on JVMs without the Vector API. */
final class ScalarFloatSelect implements FloatSelect {

    @Override
    public void relu(float[] x, int xo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = x[xo + i] <= 0 ? 0f : x[xo + i];  // NaN stays NaN, -0 becomes 0
        }
    }

    @Override
    public void compare(BinaryOp op, float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        switch (op) {
            case EQ -> { for (int i = 0; i < n; i++) { out[oo + i] = a[ao + i] == b[bo + i] ? 1f : 0f; } }
            case NE -> { for (int i = 0; i < n; i++) { out[oo + i] = a[ao + i] != b[bo + i] ? 1f : 0f; } }
            case LT -> { for (int i = 0; i < n; i++) { out[oo + i] = a[ao + i] < b[bo + i] ? 1f : 0f; } }
            case LE -> { for (int i = 0; i < n; i++) { out[oo + i] = a[ao + i] <= b[bo + i] ? 1f : 0f; } }
            case GT -> { for (int i = 0; i < n; i++) { out[oo + i] = a[ao + i] > b[bo + i] ? 1f : 0f; } }
            case GE -> { for (int i = 0; i < n; i++) { out[oo + i] = a[ao + i] >= b[bo + i] ? 1f : 0f; } }
            default -> throw new IllegalArgumentException("compare: " + op + " is not a comparison");
        }
    }

    @Override
    public void where(float[] cond, int co, float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = cond[co + i] != 0 ? a[ao + i] : b[bo + i];
        }
    }
}
