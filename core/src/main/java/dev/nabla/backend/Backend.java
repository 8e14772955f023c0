package dev.nabla.backend;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.backend.fast.FastPath;
import java.util.Optional;

/**
 * The primitives every backend implements (DESIGN.md, layer 1). Everything else — views,
 * broadcasting, autograd, layers — is written once in core on top of these.
 *
 * <p>Conventions shared by all methods: operands are {@link Strided} views; an output has the
 * same shape as the (already broadcast) inputs unless stated; an output never overlaps an input
 * unless it is exactly the same view; inputs may have zero strides (broadcast); the operands of {@link #unary}, {@link #binary} and
 * {@link #where} share one dtype (core casts first); floating
 * operations run in the output's dtype. Optional fast paths are the {@link FastPath} interfaces in
 * {@code dev.nabla.backend.fast}; core asks for them through {@link #fastPath}.
 */
public interface Backend {

    /** The device this backend computes on. */
    Device device();

    /** Allocates a storage of {@code size} elements; the contents are zero. */
    Storage allocate(DType dtype, int size);

    /**
     * Makes a storage from a host array ({@code float[]}, {@code double[]} or {@code long[]}). The
     * backend may adopt the array instead of copying it: the caller must not touch it afterwards.
     */
    Storage upload(Object hostArray);

    /**
     * Copies a view out to a new host array of the view's dtype ({@code float[]}, {@code double[]}
     * or {@code long[]}), in row-major order of the view's shape.
     */
    Object download(Strided src);

    /**
     * {@code dst = src}, converting between dtypes when they differ: float to int truncates toward zero, INT64 to
     * FLOAT32 rounds once to nearest (as Java's {@code (float)} of a long, never twice through double).
     */
    void copy(Strided src, Strided dst);

    /** Sets every element of {@code dst} to {@code value}. */
    void fill(Strided dst, double value);

    /** {@code out = op(x)}. */
    void unary(UnaryOp op, Strided x, Strided out);

    /** {@code out = op(a, b)}; a, b and out have one shape (broadcast through zero strides). */
    void binary(BinaryOp op, Strided a, Strided b, Strided out);

    /** {@code out = cond != 0 ? a : b}. */
    void where(Strided cond, Strided a, Strided b, Strided out);

    /**
     * Reduces {@code x} into {@code out}, which has x's rank: every dimension where
     * {@code out.shape[d] == 1} (and x's is larger) is reduced, the others are kept.
     */
    void reduce(ReduceOp op, Strided x, Strided out);

    /**
     * Writes, into the INT64 view {@code out} (x's shape with {@code shape[axis] == 1}), the index
     * along {@code axis} of the first maximum ({@link ReduceOp#MAX}) or minimum ({@link ReduceOp#MIN}).
     */
    void argReduce(ReduceOp op, Strided x, int axis, Strided out);

    /**
     * Fills {@code out} with counter-based random numbers: element {@code i} (row-major) is a pure
     * function of {@code (seed, offset + i)}, so results do not depend on threads or backend.
     */
    void random(RandomOp op, long seed, long offset, double a, double b, Strided out);

    /** {@code out[..., i, ...] = x[..., index[..., i, ...], ...]} along {@code axis}; out has index's shape. */
    void gather(Strided x, int axis, Strided index, Strided out);

    /** {@code dst[..., index[..., i, ...], ...] += src[..., i, ...]} along {@code axis}; src has index's shape. */
    void scatterAdd(Strided dst, int axis, Strided index, Strided src);

    /**
     * Waits until all work queued on this backend's device has finished. Backends that run
     * synchronously (the CPU) have nothing to wait for.
     */
    default void synchronize() {
    }

    /**
     * The fast path of the given kind this backend offers, if any; core composes the operation from the
     * primitives above when it is empty. The default offers the kinds this object implements itself; a
     * backend that keeps its kernels in separate objects (the CUDA backend) overrides it.
     *
     * @param kind the kernel interface, e.g. {@code SoftmaxKernel.class}
     * @param <K> the kernel interface
     * @return the kernel, or empty when this backend has none of that kind
     */
    default <K extends FastPath> Optional<K> fastPath(Class<K> kind) {
        return kind.isInstance(this) ? Optional.of(kind.cast(this)) : Optional.empty();
    }
}
