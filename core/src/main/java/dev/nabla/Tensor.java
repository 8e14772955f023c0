package dev.nabla;

import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.Node;
import dev.nabla.backend.Backend;
import dev.nabla.backend.Backends;
import dev.nabla.backend.BinaryOp;
import dev.nabla.backend.ReduceOp;
import dev.nabla.backend.Storage;
import dev.nabla.backend.Strided;
import dev.nabla.backend.UnaryOp;
import java.util.List;

/**
 * An n-dimensional array on a device, with reverse-mode autodiff.
 *
 * <p>A tensor is a view — shape, strides and offset — over a {@link Storage} owned by a
 * backend. View ops ({@link #reshape}, {@link #permute}, {@link #narrow}, {@link #expand}, ...)
 * share storage and copy nothing. Binary ops broadcast like NumPy. Every op that takes two tensors
 * requires them on one device and promotes dtypes FLOAT64 &gt; FLOAT32 &gt; INT64.
 *
 * <p>When an input {@linkplain #requiresGrad() requires a gradient} and grad mode is on, ops
 * record a backward rule; {@link #backward()} then fills {@link #grad()} of every leaf.
 */
public final class Tensor {

    private final Storage storage;
    private final int[] shape;
    private final int[] strides;
    private final int offset;
    private boolean requiresGrad;
    private Tensor grad;
    private Node gradFn;

    Tensor(Storage storage, int[] shape, int[] strides, int offset) {
        Shape.numel(shape); // every tensor, views included, keeps its element count and strides within int
        this.storage = storage;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
    }

    // ---------------------------------------------------------------- creation

    /** A FLOAT32 tensor of zeros on the default device. */
    public static Tensor zeros(int... shape) {
        return Creation.full(0, DType.FLOAT32, Device.best(), shape);
    }

    /** A tensor of zeros. */
    public static Tensor zeros(DType dtype, Device device, int... shape) {
        return Creation.full(0, dtype, device, shape);
    }

    /** A FLOAT32 tensor of ones on the default device. */
    public static Tensor ones(int... shape) {
        return Creation.full(1, DType.FLOAT32, Device.best(), shape);
    }

    /** A tensor of ones. */
    public static Tensor ones(DType dtype, Device device, int... shape) {
        return Creation.full(1, dtype, device, shape);
    }

    /** A FLOAT32 tensor filled with {@code value} on the default device. */
    public static Tensor full(double value, int... shape) {
        return Creation.full(value, DType.FLOAT32, Device.best(), shape);
    }

    /** A tensor filled with {@code value}. */
    public static Tensor full(double value, DType dtype, Device device, int... shape) {
        return Creation.full(value, dtype, device, shape);
    }

    /** Zeros with {@code like}'s shape, dtype and device. */
    public static Tensor zerosLike(Tensor like) {
        return Creation.full(0, like.dtype(), like.device(), like.shape);
    }

    /** Ones with {@code like}'s shape, dtype and device. */
    public static Tensor onesLike(Tensor like) {
        return Creation.full(1, like.dtype(), like.device(), like.shape);
    }

    /** A 0-dimensional FLOAT32 tensor on the default device. */
    public static Tensor scalar(double value) {
        return Creation.full(value, DType.FLOAT32, Device.best());
    }

    /** A 0-dimensional tensor. */
    public static Tensor scalar(double value, DType dtype, Device device) {
        return Creation.full(value, dtype, device);
    }

    /** INT64 values {@code 0, 1, ..., end-1} on the default device. */
    public static Tensor arange(int end) {
        return Creation.arange(0, end, 1, DType.INT64, Device.best());
    }

    /** Values {@code start, start+step, ...} below {@code end} (above it for a negative step). */
    public static Tensor arange(double start, double end, double step, DType dtype, Device device) {
        return Creation.arange(start, end, step, dtype, device);
    }

    /** {@code steps} evenly spaced FLOAT32 values from {@code start} to {@code end} inclusive. */
    public static Tensor linspace(double start, double end, int steps) {
        return Creation.linspace(start, end, steps, DType.FLOAT32, Device.best());
    }

    /** {@code steps} evenly spaced values from {@code start} to {@code end} inclusive. */
    public static Tensor linspace(double start, double end, int steps, DType dtype, Device device) {
        return Creation.linspace(start, end, steps, dtype, device);
    }

    /** The FLOAT32 {@code n × n} identity matrix on the default device. */
    public static Tensor eye(int n) {
        return Creation.eye(n, DType.FLOAT32, Device.best());
    }

    /** The {@code n × n} identity matrix. */
    public static Tensor eye(int n, DType dtype, Device device) {
        return Creation.eye(n, dtype, device);
    }

    /** Uniform FLOAT32 values in [0, 1) from the global {@link Generator}, on the default device. */
    public static Tensor rand(int... shape) {
        return Creation.random(Generator.global(), false, 0, 1, DType.FLOAT32, Device.best(), shape);
    }

    /** Standard normal FLOAT32 values from the global {@link Generator}, on the default device. */
    public static Tensor randn(int... shape) {
        return Creation.random(Generator.global(), true, 0, 1, DType.FLOAT32, Device.best(), shape);
    }

    /** Uniform values in {@code [low, high)} drawn from {@code gen}. */
    public static Tensor uniform(Generator gen, double low, double high, DType dtype, Device device, int... shape) {
        return Creation.random(gen, false, low, high, dtype, device, shape);
    }

    /** Normal values with the given mean and standard deviation drawn from {@code gen}. */
    public static Tensor normal(Generator gen, double mean, double std, DType dtype, Device device, int... shape) {
        return Creation.random(gen, true, mean, std, dtype, device, shape);
    }

    /** INT64 integers uniform in {@code [low, high)} from the global {@link Generator}. */
    public static Tensor randint(long low, long high, int... shape) {
        return Creation.randint(Generator.global(), low, high, Device.best(), shape);
    }

    /** INT64 integers uniform in {@code [low, high)} drawn from {@code gen}. */
    public static Tensor randint(Generator gen, long low, long high, Device device, int... shape) {
        return Creation.randint(gen, low, high, device, shape);
    }

    /** A FLOAT32 tensor holding a copy of {@code data} in the given shape, on the default device. */
    public static Tensor of(float[] data, int... shape) {
        return Creation.fromArray(data.clone(), data.length, Creation.userShape(shape, data.length), Device.best());
    }

    /** A FLOAT64 tensor holding a copy of {@code data} in the given shape, on the default device. */
    public static Tensor of(double[] data, int... shape) {
        return Creation.fromArray(data.clone(), data.length, Creation.userShape(shape, data.length), Device.best());
    }

    /** An INT64 tensor holding a copy of {@code data} in the given shape, on the default device. */
    public static Tensor of(long[] data, int... shape) {
        return Creation.fromArray(data.clone(), data.length, Creation.userShape(shape, data.length), Device.best());
    }

    /** An INT64 tensor of labels or indices from {@code int}s, on the default device. */
    public static Tensor ofIndices(int[] data, int... shape) {
        long[] longs = new long[data.length];
        for (int i = 0; i < data.length; i++) {
            longs[i] = data[i];
        }
        return Creation.fromArray(longs, data.length, Creation.userShape(shape, data.length), Device.best());
    }

    /** A FLOAT32 matrix from rows of equal length, on the default device. */
    public static Tensor of(float[][] rows) {
        return Creation.fromRows(rows);
    }

    /** A FLOAT64 matrix from rows of equal length, on the default device. */
    public static Tensor of(double[][] rows) {
        return Creation.fromRows(rows);
    }

    /**
     * Wraps a backend storage as a tensor (for backend and fast-path implementers).
     *
     * @param storage the buffer
     * @param shape a contiguous row-major shape that fits in the storage
     */
    public static Tensor fromStorage(Storage storage, int... shape) {
        if (Shape.numel(shape) > storage.size()) {
            throw new IllegalArgumentException("Tensor.fromStorage: shape " + java.util.Arrays.toString(shape)
                    + " needs more elements than the storage's " + storage.size());
        }
        return new Tensor(storage, shape.clone(), Strided.contiguousStrides(shape), 0);
    }

    /** An uninitialised-contents (zeroed) contiguous tensor (for op implementations). */
    static Tensor empty(Backend backend, DType dtype, int[] shape) {
        Storage s = backend.allocate(dtype, Shape.numel(shape));
        return new Tensor(s, shape.clone(), Strided.contiguousStrides(shape), 0);
    }

    // ---------------------------------------------------------------- metadata

    /** The shape. */
    public Shape shape() {
        return Shape.of(shape);
    }

    /** The extent of dimension {@code dim} (negative counts from the end). */
    public int size(int dim) {
        return shape[Shape.normalizeDim("size", dim, shape.length)];
    }

    /** The number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** The number of elements. */
    public int numel() {
        return Shape.numel(shape);
    }

    /** The element type. */
    public DType dtype() {
        return storage.dtype();
    }

    /** The device holding the storage. */
    public Device device() {
        return storage.backend().device();
    }

    /** The backend computing this tensor's ops. */
    public Backend backend() {
        return storage.backend();
    }

    /** The strided view the backend primitives operate on (for backend and fast-path implementers). */
    public Strided strided() {
        return new Strided(storage, shape, strides, offset);
    }

    /** A copy of the strides, in elements. */
    public int[] strides() {
        return strides.clone();
    }

    /** Whether the elements are dense and row-major. */
    public boolean isContiguous() {
        return strided().isContiguous();
    }

    /** The in-place write counter of the underlying storage. */
    public int version() {
        return storage.version();
    }

    int[] dims() {
        return shape;
    }

    int[] rawStrides() {
        return strides;
    }

    int offset() {
        return offset;
    }

    Storage storage() {
        return storage;
    }

    // ---------------------------------------------------------------- conversion

    /** This tensor on {@code device} (itself when already there); differentiable. */
    public Tensor to(Device device) {
        return Creation.toDevice(this, device);
    }

    /** This tensor converted to {@code dtype} (itself when already that type); differentiable between floats. */
    public Tensor to(DType dtype) {
        return Elementwise.cast(this, dtype);
    }

    /** The elements as FLOAT32 values in row-major order. */
    public float[] toFloatArray() {
        return (float[]) to(DType.FLOAT32).download();
    }

    /** The elements as FLOAT64 values in row-major order. */
    public double[] toDoubleArray() {
        return (double[]) to(DType.FLOAT64).download();
    }

    /** The elements as INT64 values in row-major order (floats truncated toward zero). */
    public long[] toLongArray() {
        return (long[]) to(DType.INT64).download();
    }

    /** The elements as {@code int}s in row-major order (for labels and indices). */
    public int[] toIntArray() {
        long[] l = toLongArray();
        int[] out = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            out[i] = Math.toIntExact(l[i]);
        }
        return out;
    }

    Object download() {
        return backend().download(strided());
    }

    /**
     * The value of a one-element tensor.
     *
     * @throws IllegalArgumentException when the tensor has more or fewer than one element
     */
    public double item() {
        if (numel() != 1) {
            throw new IllegalArgumentException("item: only a one-element tensor has an item, this one has shape "
                    + shape() + " (" + numel() + " elements)");
        }
        return toDoubleArray()[0];
    }

    // ---------------------------------------------------------------- views

    /** The same elements in a new shape (one extent may be -1); a view when the strides allow it, else a copy. */
    public Tensor reshape(int... newShape) {
        return Views.reshape(this, newShape, false);
    }

    /** Like {@link #reshape} but never copies: fails when the strides do not allow a view. */
    public Tensor view(int... newShape) {
        return Views.reshape(this, newShape, true);
    }

    /** Reorders dimensions: result dimension i is input dimension {@code order[i]}. */
    public Tensor permute(int... order) {
        return Views.permute(this, order);
    }

    /** Swaps two dimensions. */
    public Tensor transpose(int dim0, int dim1) {
        return Views.transpose(this, dim0, dim1);
    }

    /** The transpose of a matrix (the last two dimensions swapped for higher ranks). */
    public Tensor t() {
        if (rank() < 2) {
            throw new IllegalArgumentException("t: needs at least 2 dimensions, got shape " + shape());
        }
        return transpose(-2, -1);
    }

    /** Elements {@code start .. start+length-1} along {@code dim} (negative start counts from the end), as a view. */
    public Tensor narrow(int dim, int start, int length) {
        return Views.narrow(this, dim, start, length);
    }

    /** Elements {@code start, start+step, ...} below {@code end} along {@code dim}, as a view. */
    public Tensor slice(int dim, int start, int end, int step) {
        return Views.slice(this, dim, start, end, step);
    }

    /** The sub-tensor at {@code index} along {@code dim}, with that dimension removed. */
    public Tensor select(int dim, int index) {
        int d = Shape.normalizeDim("select", dim, rank());
        int i = index < 0 ? index + shape[d] : index;
        if (i < 0 || i >= shape[d]) {
            throw new IllegalArgumentException("select: index " + index + " is out of range for dimension " + dim
                    + " of size " + shape[d] + " (shape " + shape() + ")");
        }
        return narrow(d, i, 1).squeeze(d);
    }

    /** Broadcasts size-1 dimensions (and new leading ones) to {@code newShape} without copying; -1 keeps a size. */
    public Tensor expand(int... newShape) {
        return Views.expand(this, newShape);
    }

    /** This tensor expanded to {@code other}'s shape. */
    public Tensor expandAs(Tensor other) {
        return expand(other.shape);
    }

    /** Removes every size-1 dimension. */
    public Tensor squeeze() {
        return Views.squeeze(this);
    }

    /** Removes dimension {@code dim} if its size is 1. */
    public Tensor squeeze(int dim) {
        return Views.squeeze(this, dim);
    }

    /** Inserts a size-1 dimension at {@code dim} (which may equal the rank). */
    public Tensor unsqueeze(int dim) {
        return Views.unsqueeze(this, dim);
    }

    /** All dimensions merged into one. */
    public Tensor flatten() {
        return reshape(numel());
    }

    /** Dimensions {@code startDim..endDim} (inclusive) merged into one. */
    public Tensor flatten(int startDim, int endDim) {
        return Views.flatten(this, startDim, endDim);
    }

    /** This tensor if contiguous, else a dense row-major copy (differentiable). */
    public Tensor contiguous() {
        return isContiguous() ? this : Elementwise.copy(this);
    }

    /** A dense copy that shares nothing with this tensor (differentiable). */
    public Tensor copy() {
        return Elementwise.copy(this);
    }

    // ---------------------------------------------------------------- elementwise math

    /** {@code this + other}, broadcasting. */
    public Tensor add(Tensor other) {
        return Elementwise.binary(BinaryOp.ADD, this, other);
    }

    /** {@code this + value}. */
    public Tensor add(double value) {
        return add(Creation.scalarLike(value, this));
    }

    /** {@code this - other}, broadcasting. */
    public Tensor sub(Tensor other) {
        return Elementwise.binary(BinaryOp.SUB, this, other);
    }

    /** {@code this - value}. */
    public Tensor sub(double value) {
        return sub(Creation.scalarLike(value, this));
    }

    /** {@code value - this}. */
    public Tensor rsub(double value) {
        return Creation.scalarLike(value, this).sub(this);
    }

    /** {@code this * other}, broadcasting. */
    public Tensor mul(Tensor other) {
        return Elementwise.binary(BinaryOp.MUL, this, other);
    }

    /** {@code this * value}. */
    public Tensor mul(double value) {
        return mul(Creation.scalarLike(value, this));
    }

    /**
     * {@code this / other}, broadcasting: true division, as PyTorch's {@code div} and NumPy's {@code /}. Two
     * INT64 operands give the default float dtype (FLOAT32), so a count divided by 4 is 0.75, not 0; a zero
     * divisor gives ±∞ or NaN. Use {@link #floorDivide} for integer quotients.
     */
    public Tensor div(Tensor other) {
        return Elementwise.binary(BinaryOp.DIV, this, other);
    }

    /** {@code this / value}: true division, so an INT64 tensor divided by an integer gives FLOAT32. */
    public Tensor div(double value) {
        return div(Creation.scalarLike(value, this));
    }

    /**
     * {@code floor(this / other)}, broadcasting: Python's {@code //} and {@code torch.floor_divide}, so
     * {@code -7 // 2 == -4}. INT64 operands give exact INT64 ({@code Long.MIN_VALUE // -1} wraps to
     * {@code Long.MIN_VALUE}); floats follow PyTorch's formula, and a zero float divisor gives ±∞ or NaN. The
     * gradient is zero.
     *
     * @throws ArithmeticException when both operands are INT64 and {@code other} holds a zero
     */
    public Tensor floorDivide(Tensor other) {
        return Elementwise.binary(BinaryOp.FLOOR_DIVIDE, this, other);
    }

    /**
     * {@code floor(this / value)}; an INT64 tensor and an integral value give INT64.
     *
     * @throws ArithmeticException for an INT64 tensor and a value of 0
     */
    public Tensor floorDivide(double value) {
        return floorDivide(Creation.scalarLike(value, this));
    }

    /**
     * {@code this - other * floor(this / other)}, broadcasting: Python's {@code %} and {@code torch.remainder}; the
     * result has the sign of the divisor ({@code -7 % 2 == 1}, {@code 7 % -2 == -1}). INT64 operands give exact
     * INT64; a zero float divisor gives NaN. Gradients (PyTorch's): 1 for this, {@code -floorDivide(this, other)}
     * for other.
     *
     * @throws ArithmeticException when both operands are INT64 and {@code other} holds a zero
     */
    public Tensor remainder(Tensor other) {
        return Elementwise.binary(BinaryOp.REMAINDER, this, other);
    }

    /**
     * {@code this - value * floor(this / value)}; an INT64 tensor and an integral value give INT64.
     *
     * @throws ArithmeticException for an INT64 tensor and a value of 0
     */
    public Tensor remainder(double value) {
        return remainder(Creation.scalarLike(value, this));
    }

    /** {@code this ^ exponent}, broadcasting. */
    public Tensor pow(Tensor exponent) {
        return Elementwise.binary(BinaryOp.POW, this, exponent);
    }

    /** {@code this ^ exponent}. */
    public Tensor pow(double exponent) {
        return pow(Creation.scalarLike(exponent, this));
    }

    /** The elementwise larger of this and {@code other}; ties share the gradient equally. */
    public Tensor maximum(Tensor other) {
        return Elementwise.binary(BinaryOp.MAX, this, other);
    }

    /** The elementwise smaller of this and {@code other}; ties share the gradient equally. */
    public Tensor minimum(Tensor other) {
        return Elementwise.binary(BinaryOp.MIN, this, other);
    }

    /** {@code -this}. */
    public Tensor neg() {
        return Elementwise.unary(UnaryOp.NEG, this);
    }

    /** {@code e^this}. */
    public Tensor exp() {
        return Elementwise.unary(UnaryOp.EXP, this);
    }

    /** The natural logarithm. */
    public Tensor log() {
        return Elementwise.unary(UnaryOp.LOG, this);
    }

    /** The square root. */
    public Tensor sqrt() {
        return Elementwise.unary(UnaryOp.SQRT, this);
    }

    /** The absolute value (gradient {@code sign(x)}, 0 at 0). */
    public Tensor abs() {
        return Elementwise.unary(UnaryOp.ABS, this);
    }

    /** -1, 0 or 1 (gradient 0). */
    public Tensor sign() {
        return Elementwise.unary(UnaryOp.SIGN, this);
    }

    /** {@code 1 / (1 + e^-this)}. */
    public Tensor sigmoid() {
        return Elementwise.unary(UnaryOp.SIGMOID, this);
    }

    /** The hyperbolic tangent. */
    public Tensor tanh() {
        return Elementwise.unary(UnaryOp.TANH, this);
    }

    /** {@code max(this, 0)} (gradient 0 at 0); NaN stays NaN, as in PyTorch, so divergence is not masked. */
    public Tensor relu() {
        return Elementwise.unary(UnaryOp.RELU, this);
    }

    /** The sine. */
    public Tensor sin() {
        return Elementwise.unary(UnaryOp.SIN, this);
    }

    /** The cosine. */
    public Tensor cos() {
        return Elementwise.unary(UnaryOp.COS, this);
    }

    /** The Gauss error function. */
    public Tensor erf() {
        return Elementwise.unary(UnaryOp.ERF, this);
    }

    /** Rounds toward negative infinity (gradient 0). */
    public Tensor floor() {
        return Elementwise.unary(UnaryOp.FLOOR, this);
    }

    /** 1 where an element is NaN or infinite, else 0 (not differentiable). */
    public Tensor nonFinite() {
        return Elementwise.unary(UnaryOp.NONFINITE, this);
    }

    /** Limits values to {@code [min, max]}; the gradient passes where the value is inside. */
    public Tensor clamp(double min, double max) {
        return Elementwise.clamp("clamp", this, min, max);
    }

    /** {@code cond != 0 ? a : b}, broadcasting all three. */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        return Elementwise.where(cond, a, b);
    }

    /** 1 where equal, else 0 (in the promoted dtype). */
    public Tensor eq(Tensor other) {
        return Elementwise.binary(BinaryOp.EQ, this, other);
    }

    /** 1 where equal to {@code value}, else 0. */
    public Tensor eq(double value) {
        return eq(Creation.scalarLike(value, this));
    }

    /** 1 where not equal, else 0. */
    public Tensor ne(Tensor other) {
        return Elementwise.binary(BinaryOp.NE, this, other);
    }

    /** 1 where less than {@code other}, else 0. */
    public Tensor lt(Tensor other) {
        return Elementwise.binary(BinaryOp.LT, this, other);
    }

    /** 1 where less than {@code value}, else 0. */
    public Tensor lt(double value) {
        return lt(Creation.scalarLike(value, this));
    }

    /** 1 where less than or equal to {@code other}, else 0. */
    public Tensor le(Tensor other) {
        return Elementwise.binary(BinaryOp.LE, this, other);
    }

    /** 1 where greater than {@code other}, else 0. */
    public Tensor gt(Tensor other) {
        return Elementwise.binary(BinaryOp.GT, this, other);
    }

    /** 1 where greater than {@code value}, else 0. */
    public Tensor gt(double value) {
        return gt(Creation.scalarLike(value, this));
    }

    /** 1 where greater than or equal to {@code other}, else 0. */
    public Tensor ge(Tensor other) {
        return Elementwise.binary(BinaryOp.GE, this, other);
    }

    // ---------------------------------------------------------------- reductions

    /** The sum of all elements, as a 0-d tensor. */
    public Tensor sum() {
        return Reductions.reduce(ReduceOp.SUM, this, Reductions.allDims(this), false);
    }

    /** The sum over {@code dims}. */
    public Tensor sum(int[] dims, boolean keepDim) {
        return Reductions.reduce(ReduceOp.SUM, this, dims, keepDim);
    }

    /** The sum over one dimension, which is removed. */
    public Tensor sum(int dim) {
        return sum(new int[] {dim}, false);
    }

    /** The mean of all elements. */
    public Tensor mean() {
        return Reductions.mean(this, Reductions.allDims(this), false);
    }

    /** The mean over {@code dims}. */
    public Tensor mean(int[] dims, boolean keepDim) {
        return Reductions.mean(this, dims, keepDim);
    }

    /** The mean over one dimension, which is removed. */
    public Tensor mean(int dim) {
        return mean(new int[] {dim}, false);
    }

    /** The largest element. */
    public Tensor max() {
        return Reductions.reduce(ReduceOp.MAX, this, Reductions.allDims(this), false);
    }

    /** The largest values over {@code dims} (gradient shared equally among ties). */
    public Tensor max(int[] dims, boolean keepDim) {
        return Reductions.reduce(ReduceOp.MAX, this, dims, keepDim);
    }

    /** The largest values along one dimension, which is removed. */
    public Tensor max(int dim) {
        return max(new int[] {dim}, false);
    }

    /** The smallest element. */
    public Tensor min() {
        return Reductions.reduce(ReduceOp.MIN, this, Reductions.allDims(this), false);
    }

    /** The smallest values over {@code dims} (gradient shared equally among ties). */
    public Tensor min(int[] dims, boolean keepDim) {
        return Reductions.reduce(ReduceOp.MIN, this, dims, keepDim);
    }

    /** The smallest values along one dimension, which is removed. */
    public Tensor min(int dim) {
        return min(new int[] {dim}, false);
    }

    /** The INT64 index of the first maximum along {@code dim}. */
    public Tensor argmax(int dim, boolean keepDim) {
        return Reductions.argReduce(ReduceOp.MAX, this, dim, keepDim);
    }

    /** The INT64 index of the first maximum of the flattened tensor. */
    public Tensor argmax() {
        return Reductions.argReduce(ReduceOp.MAX, flatten(), 0, false);
    }

    /** The INT64 index of the first minimum along {@code dim}. */
    public Tensor argmin(int dim, boolean keepDim) {
        return Reductions.argReduce(ReduceOp.MIN, this, dim, keepDim);
    }

    /** The INT64 index of the first minimum of the flattened tensor. */
    public Tensor argmin() {
        return Reductions.argReduce(ReduceOp.MIN, flatten(), 0, false);
    }

    /** The unbiased variance (correction 1) of all elements. */
    public Tensor var() {
        return Reductions.var(this, Reductions.allDims(this), 1, false);
    }

    /** The variance over {@code dims}, dividing by {@code N - correction}. */
    public Tensor var(int[] dims, int correction, boolean keepDim) {
        return Reductions.var(this, dims, correction, keepDim);
    }

    /** The unbiased standard deviation of all elements. */
    public Tensor std() {
        return var().sqrt();
    }

    /** The standard deviation over {@code dims}, dividing by {@code N - correction}. */
    public Tensor std(int[] dims, int correction, boolean keepDim) {
        return var(dims, correction, keepDim).sqrt();
    }

    /** {@code log(sum(exp(x)))} over {@code dims}, computed stably. */
    public Tensor logsumexp(int[] dims, boolean keepDim) {
        return Reductions.logsumexp(this, dims, keepDim);
    }

    /** The p-norm of all elements ({@code p} > 0; {@code Double.POSITIVE_INFINITY} for the max norm). */
    public Tensor norm(double p) {
        return Reductions.norm(this, p, Reductions.allDims(this), false);
    }

    /** The p-norm over {@code dims}. */
    public Tensor norm(double p, int[] dims, boolean keepDim) {
        return Reductions.norm(this, p, dims, keepDim);
    }

    /** The sum reduced to {@code target}'s shape by summing broadcast dimensions (the adjoint of broadcasting). */
    public Tensor sumTo(Shape target) {
        return Reductions.sumTo(this, target.toArray());
    }

    // ---------------------------------------------------------------- linear algebra, joining, indexing

    /** The matrix product with PyTorch semantics (1-D dot, matrix-vector, batched with broadcasting). */
    public Tensor matmul(Tensor other) {
        return MatMul.matmul(this, other);
    }

    /** Joins tensors of equal shape except along {@code dim}. */
    public static Tensor cat(int dim, Tensor... tensors) {
        return Indexing.cat(dim, tensors);
    }

    /** Joins tensors of equal shape along a new dimension {@code dim}. */
    public static Tensor stack(int dim, Tensor... tensors) {
        return Indexing.stack(dim, tensors);
    }

    /** Views of consecutive pieces of {@code size} along {@code dim} (the last may be smaller). */
    public List<Tensor> split(int size, int dim) {
        return Indexing.split(this, size, dim);
    }

    /** {@code chunks} views of (nearly) equal size along {@code dim}. */
    public List<Tensor> chunk(int chunks, int dim) {
        return Indexing.chunk(this, chunks, dim);
    }

    /** {@code out[i][j] = this[index[i][j]][j]} for dim 0 (and so on): picks along {@code dim}. */
    public Tensor gather(int dim, Tensor index) {
        return Indexing.gather(this, dim, index);
    }

    /** A copy of this tensor with {@code src} added at the positions {@code index} names along {@code dim}. */
    public Tensor scatterAdd(int dim, Tensor index, Tensor src) {
        return Indexing.scatterAdd(this, dim, index, src);
    }

    /** The slices along {@code dim} at the positions of the 1-D INT64 {@code index}. */
    public Tensor indexSelect(int dim, Tensor index) {
        return Indexing.indexSelect(this, dim, index);
    }

    /** For an INT64 tensor of class indices: a FLOAT32 tensor with a trailing one-hot dimension. */
    public Tensor oneHot(int numClasses) {
        return Indexing.oneHot(this, numClasses);
    }

    // ---------------------------------------------------------------- log1p/expm1, one-sided clamps, masked fill,
    // max/min with positions, scans, sorting, repeats, padding, einsum

    /** {@code log(1 + this)}, accurate for small values (gradient {@code 1 / (1 + x)}). */
    public Tensor log1p() {
        return Elementwise.unary(UnaryOp.LOG1P, this);
    }

    /** {@code e^this - 1}, accurate for small values (gradient {@code e^x}). */
    public Tensor expm1() {
        return Elementwise.unary(UnaryOp.EXPM1, this);
    }

    /** Limits values from below, {@code max(this, min)}; the gradient passes where {@code x >= min}. NaN stays NaN. */
    public Tensor clampMin(double min) {
        return Elementwise.clamp("clampMin", this, min, null);
    }

    /** Limits values from above, {@code min(this, max)}; the gradient passes where {@code x <= max}. NaN stays NaN. */
    public Tensor clampMax(double max) {
        return Elementwise.clamp("clampMax", this, null, max);
    }

    /**
     * A copy with {@code value} wherever {@code mask} is nonzero (PyTorch's {@code masked_fill}). There is no
     * bool dtype, so a mask is any tensor whose nonzero (or NaN) elements mean "fill" — comparisons such as
     * {@code x.gt(0)} make one. The mask broadcasts to this tensor's shape; the gradient flows to the elements
     * left in place.
     *
     * @throws IllegalArgumentException when the mask does not broadcast to this shape, or a fractional value
     *     would go into an INT64 tensor
     */
    public Tensor maskedFill(Tensor mask, double value) {
        return Elementwise.maskedFill(this, mask, value);
    }

    /**
     * The largest values along {@code dim} and the INT64 position of each (the first one among ties, or the
     * first NaN, which wins), as PyTorch's {@code max(dim, keepdim)}; the gradient goes to those positions.
     */
    public ValuesIndices max(int dim, boolean keepDim) {
        return Sorting.extreme(ReduceOp.MAX, this, dim, keepDim);
    }

    /** The smallest values along {@code dim} and their positions; see {@link #max(int, boolean)}. */
    public ValuesIndices min(int dim, boolean keepDim) {
        return Sorting.extreme(ReduceOp.MIN, this, dim, keepDim);
    }

    /** The running sums along {@code dim}, in this tensor's dtype. */
    public Tensor cumsum(int dim) {
        return Scans.cumsum(this, dim, false);
    }

    /** The running products along {@code dim}; the gradient is right where inputs are 0, as PyTorch's is. */
    public Tensor cumprod(int dim) {
        return Scans.cumprod(this, dim);
    }

    /**
     * The values sorted along {@code dim} and their INT64 original positions. The sort is stable (equal values
     * keep their order, also descending), NaN counts as greater than every number, and {@code -0.0} equals
     * {@code 0.0}: PyTorch's {@code sort(stable=True)}. The gradient flows back to the original positions.
     */
    public ValuesIndices sort(int dim, boolean descending) {
        return Sorting.sort(this, dim, descending);
    }

    /** The INT64 positions that sort this tensor along {@code dim}; see {@link #sort}. */
    public Tensor argsort(int dim, boolean descending) {
        return Sorting.argsort(this, dim, descending);
    }

    /**
     * The {@code k} largest (or smallest) values along {@code dim} and their positions, always in sorted order
     * (PyTorch's {@code sorted=True}); ties are taken in order of position.
     */
    public ValuesIndices topk(int k, int dim, boolean largest) {
        return Sorting.topk(this, k, dim, largest);
    }

    /**
     * This tensor repeated {@code repeats[i]} times along dimension i (torch.Tensor.repeat): the counts cover
     * every dimension, extra leading counts add leading dimensions. The gradient sums the copies.
     */
    public Tensor repeat(int... repeats) {
        return Tiling.repeat(this, repeats);
    }

    /** Like {@link #repeat}, but fewer counts than dimensions apply to the trailing ones (torch.tile). */
    public Tensor tile(int... reps) {
        return Tiling.tile(this, reps);
    }

    /**
     * Pads the trailing dimensions as PyTorch's {@code F.pad}: {@code pads} holds (before, after) pairs, the
     * last dimension's first. {@link PadMode#CONSTANT} fills with {@code value} and crops where a pad is
     * negative; {@link PadMode#REFLECT} (each pad smaller than its dimension) and {@link PadMode#REPLICATE}
     * copy elements from the edges and take no value (it must be 0).
     */
    public Tensor pad(int[] pads, PadMode mode, double value) {
        return Padding.pad(this, pads, mode, value);
    }

    /** Pads the trailing dimensions with zeros ({@code pads} as in {@link #pad(int[], PadMode, double)}). */
    public Tensor pad(int... pads) {
        return Padding.pad(this, pads, PadMode.CONSTANT, 0);
    }

    /**
     * Einstein summation as {@code torch.einsum}: {@code "bij,bjk->bik"} (batched product),
     * {@code "i,j->ij"} (outer product), {@code "ii->"} (trace), {@code "ii->i"} (diagonal),
     * {@code "ij->ji"}, {@code "...ij,...jk"} (broadcast dimensions), and implicit outputs (no {@code ->}:
     * the labels used once, in alphabetical order, uppercase first). Contractions run as batched matrix
     * products.
     */
    public static Tensor einsum(String equation, Tensor... operands) {
        return Einsum.einsum(equation, operands);
    }

    // ---------------------------------------------------------------- in-place (not differentiable)

    /** {@code this += other} in place (other broadcast to this shape); returns this. */
    public Tensor addInPlace(Tensor other) {
        return InPlace.apply("addInPlace", BinaryOp.ADD, this, other);
    }

    /** {@code this -= other} in place; returns this. */
    public Tensor subInPlace(Tensor other) {
        return InPlace.apply("subInPlace", BinaryOp.SUB, this, other);
    }

    /** {@code this *= other} in place; returns this. */
    public Tensor mulInPlace(Tensor other) {
        return InPlace.apply("mulInPlace", BinaryOp.MUL, this, other);
    }

    /** {@code this *= value} in place; returns this. */
    public Tensor mulInPlace(double value) {
        return mulInPlace(Creation.scalarLike(value, this));
    }

    /**
     * {@code this /= other} in place (true division); returns this.
     *
     * @throws IllegalArgumentException when this tensor is INT64, which cannot hold the float quotient
     */
    public Tensor divInPlace(Tensor other) {
        return InPlace.apply("divInPlace", BinaryOp.DIV, this, other);
    }

    /** Copies {@code src} (broadcast, cast) into this tensor's elements; returns this. */
    public Tensor copyFrom(Tensor src) {
        return InPlace.copyFrom(this, src);
    }

    /** Sets every element to {@code value}; returns this. */
    public Tensor fillInPlace(double value) {
        return InPlace.fill(this, value);
    }

    // ---------------------------------------------------------------- autograd

    /** Whether gradients flow to this tensor. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /**
     * Marks a leaf tensor as needing a gradient; returns this.
     *
     * @throws IllegalArgumentException for a non-float tensor or a non-leaf
     */
    public Tensor requiresGrad(boolean value) {
        if (gradFn != null) {
            throw new IllegalArgumentException("requiresGrad: only leaf tensors can change requiresGrad; this one was "
                    + "computed by '" + gradFn.op() + "' (use detach() first)");
        }
        if (value && !dtype().isFloating()) {
            throw new IllegalArgumentException("requiresGrad: only floating tensors can require gradients, got " + dtype().id());
        }
        requiresGrad = value;
        return this;
    }

    /** Whether this tensor was created by the user rather than by a recorded op. */
    public boolean isLeaf() {
        return gradFn == null;
    }

    /** The accumulated gradient, or {@code null} before any backward pass reached this leaf. */
    public Tensor grad() {
        return grad;
    }

    /** Replaces the accumulated gradient ({@code null} clears it). */
    public void setGrad(Tensor value) {
        if (value != null && !value.shape().equals(shape())) {
            throw new IllegalArgumentException("setGrad: gradient shape " + value.shape() + " does not match tensor shape "
                    + shape());
        }
        grad = value;
    }

    /** The recorded op that produced this tensor, or {@code null} for a leaf. */
    public Node gradFn() {
        return gradFn;
    }

    /** Called by {@link dev.nabla.autograd.Graph#record}; not for users. */
    public void attachGradFn(Node node) {
        this.gradFn = node;
        this.requiresGrad = true;
    }

    /** Called by the autograd engine; not for users. */
    public void accumulateGrad(Tensor g, boolean keepGraph) {
        Tensor incoming = keepGraph ? g : g.detach();
        if (grad == null) {
            // a private copy: the engine may hand the same tensor to several leaves, and
            // optimizers and clipping modify .grad in place
            grad = keepGraph ? incoming : incoming.copy();
        } else {
            grad = keepGraph ? grad.add(incoming) : grad.detach().add(incoming);
        }
    }

    /** Backpropagates from this scalar, accumulating into every leaf's {@link #grad()}; frees the graph. */
    public void backward() {
        Autograd.backward(this, null, false, false);
    }

    /** Backpropagates {@code seed} (same shape as this) from this tensor. */
    public void backward(Tensor seed) {
        Autograd.backward(this, seed, false, false);
    }

    /**
     * Backpropagates with full control.
     *
     * @param seed the gradient of some scalar with respect to this tensor ({@code null} for a scalar: ones)
     * @param retainGraph keep the graph for another backward pass (implied by {@code createGraph})
     * @param createGraph record the backward pass so the gradients can be differentiated again
     */
    public void backward(Tensor seed, boolean retainGraph, boolean createGraph) {
        Autograd.backward(this, seed, retainGraph, createGraph);
    }

    /** A tensor sharing this one's storage but cut from the graph. */
    public Tensor detach() {
        return new Tensor(storage, shape, strides, offset);
    }

    // ---------------------------------------------------------------- comparison and printing

    /** Whether shapes match and {@code |a - b| <= atol + rtol * |b|} everywhere (rtol 1e-5, atol 1e-8). */
    public boolean allClose(Tensor other) {
        return allClose(other, 1e-5, 1e-8);
    }

    /** Whether shapes match and {@code |a - b| <= atol + rtol * |b|} everywhere; NaNs never match. */
    public boolean allClose(Tensor other, double rtol, double atol) {
        if (!shape().equals(other.shape())) {
            return false;
        }
        double[] a = toDoubleArray();
        double[] b = other.toDoubleArray();
        for (int i = 0; i < a.length; i++) {
            if (!(Math.abs(a[i] - b[i]) <= atol + rtol * Math.abs(b[i]))) {
                return false;
            }
        }
        return true;
    }

    /** Shape, dtype, device and values (abbreviated with "..." beyond 1000 elements). */
    @Override
    public String toString() {
        return TensorFormat.format(this);
    }

    static Backend backendFor(Device device) {
        return Backends.get(device);
    }
}
