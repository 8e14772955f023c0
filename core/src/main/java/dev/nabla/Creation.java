package dev.nabla;

import dev.nabla.autograd.Graph;
import dev.nabla.backend.Backend;
import dev.nabla.backend.RandomOp;
import dev.nabla.backend.Strided;
import java.util.Arrays;

/** Factories behind Tensor's static creation methods. */
final class Creation {

    private Creation() {
    }

    static Tensor full(double value, DType dtype, Device device, int... shape) {
        Shape.of(shape);
        Backend backend = Tensor.backendFor(device);
        Tensor t = Tensor.empty(backend, dtype, shape);
        if (value != 0) {
            backend.fill(t.strided(), value);
        }
        return t;
    }

    /** A 0-d tensor holding {@code value} on {@code like}'s device, in the dtype an op with {@code like} should use. */
    static Tensor scalarLike(double value, Tensor like) {
        DType dtype = like.dtype().isFloating() || value != Math.rint(value) ? floatingOf(like) : DType.INT64;
        return full(value, dtype, like.device());
    }

    private static DType floatingOf(Tensor t) {
        return t.dtype().isFloating() ? t.dtype() : DType.FLOAT32;
    }

    static Tensor arange(double start, double end, double step, DType dtype, Device device) {
        if (step == 0 || !Double.isFinite(start) || !Double.isFinite(end) || !Double.isFinite(step)) {
            throw new IllegalArgumentException("arange: need finite start/end and a non-zero step, got start=" + start
                    + " end=" + end + " step=" + step);
        }
        int n = (int) Math.max(0, Math.ceil((end - start) / step));
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = start + i * step;
        }
        return hostValues(values, dtype, device, n);
    }

    static Tensor linspace(double start, double end, int steps, DType dtype, Device device) {
        if (steps < 0) {
            throw new IllegalArgumentException("linspace: steps must be >= 0, got " + steps);
        }
        double[] values = new double[steps];
        for (int i = 0; i < steps; i++) {
            values[i] = steps == 1 ? start : start + (end - start) * i / (steps - 1);
        }
        return hostValues(values, dtype, device, steps);
    }

    static Tensor eye(int n, DType dtype, Device device) {
        if (n < 0) {
            throw new IllegalArgumentException("eye: size must be >= 0, got " + n);
        }
        double[] values = new double[Shape.numel(new int[] {n, n})];
        for (int i = 0; i < n; i++) {
            values[i * n + i] = 1;
        }
        return hostValues(values, dtype, device, n, n);
    }

    private static Tensor hostValues(double[] values, DType dtype, Device device, int... shape) {
        Tensor t = fromArray(values, values.length, shape, device);
        return dtype == DType.FLOAT64 ? t : Elementwise.cast(t, dtype);
    }

    static Tensor random(Generator gen, boolean normal, double a, double b, DType dtype, Device device, int... shape) {
        Shape.of(shape);
        if (!dtype.isFloating()) {
            throw new IllegalArgumentException("random: dtype must be floating, got " + dtype.id() + " (use randint)");
        }
        if (normal ? !(b >= 0) : !(a <= b)) {
            throw new IllegalArgumentException((normal ? "normal: std must be >= 0, got " + b
                    : "uniform: need low <= high, got [" + a + ", " + b + ")"));
        }
        Backend backend = Tensor.backendFor(device);
        Tensor t = Tensor.empty(backend, dtype, shape);
        long offset = gen.advance(t.numel());
        backend.random(normal ? RandomOp.NORMAL : RandomOp.UNIFORM, gen.seed(), offset, a, b, t.strided());
        return t;
    }

    static Tensor randint(Generator gen, long low, long high, Device device, int... shape) {
        if (low >= high) {
            throw new IllegalArgumentException("randint: need low < high, got [" + low + ", " + high + ")");
        }
        Tensor u = random(gen, false, low, high, DType.FLOAT64, device, shape);
        // floor, then clamp: rounding can land exactly on 'high' for huge ranges
        return Elementwise.cast(u.floor().clamp(low, high - 1), DType.INT64);
    }

    /** The shape for user data: the given one, or a vector when none is given. */
    static int[] userShape(int[] shape, int length) {
        return shape.length == 0 ? new int[] {length} : shape;
    }

    static Tensor fromArray(Object data, int length, int[] shape, Device device) {
        int[] dims = shape.clone();
        if (Shape.of(dims).numel() != length) {
            throw new IllegalArgumentException("Tensor.of: " + length + " values do not fit shape " + Arrays.toString(dims)
                    + " (" + Shape.numel(dims) + " elements)");
        }
        Backend backend = Tensor.backendFor(device);
        return new Tensor(backend.upload(data), dims, Strided.contiguousStrides(dims), 0);
    }

    static Tensor fromRows(Object rows) {
        int n = java.lang.reflect.Array.getLength(rows);
        int m = n == 0 ? 0 : java.lang.reflect.Array.getLength(java.lang.reflect.Array.get(rows, 0));
        boolean isFloat = rows instanceof float[][];
        int size = Shape.numel(new int[] {n, m});
        Object flat = isFloat ? new float[size] : new double[size];
        for (int i = 0; i < n; i++) {
            Object row = java.lang.reflect.Array.get(rows, i);
            int len = java.lang.reflect.Array.getLength(row);
            if (len != m) {
                throw new IllegalArgumentException("Tensor.of: row " + i + " has " + len + " values, expected " + m);
            }
            System.arraycopy(row, 0, flat, i * m, m);
        }
        return fromArray(flat, size, new int[] {n, m}, Device.best());
    }

    static Tensor toDevice(Tensor t, Device device) {
        if (t.device().equals(device)) {
            return t;
        }
        Tensor out = fromArray(t.download(), t.numel(), t.dims(), device);
        return Graph.record("to", out, new Tensor[] {t}, g -> new Tensor[] {g.to(t.device())});
    }
}
