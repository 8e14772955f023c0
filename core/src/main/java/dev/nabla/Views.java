package dev.nabla;

import dev.nabla.autograd.Graph;
import dev.nabla.backend.Strided;
import java.util.Arrays;

/** Metadata-only ops: new shape, strides and offset over the same storage. */
final class Views {

    private Views() {
    }

    /** A view of {@code t} broadcast to {@code shape} (zero strides on broadcast dimensions). */
    static Strided broadcastStrided(Tensor t, int[] shape) {
        int[] dims = t.dims();
        int[] src = t.rawStrides();
        int lead = shape.length - dims.length;
        int[] strides = new int[shape.length];
        for (int i = 0; i < dims.length; i++) {
            strides[lead + i] = dims[i] == shape[lead + i] ? src[i] : 0;
        }
        return new Strided(t.storage(), shape, strides, t.offset());
    }

    private static Tensor view(Tensor t, int[] shape, int[] strides, int offset) {
        return new Tensor(t.storage(), shape, strides, offset);
    }

    static Tensor reshape(Tensor t, int[] requested, boolean strict) {
        String op = strict ? "view" : "reshape";
        int[] shape = resolveShape(op, t, requested);
        int[] strides = viewStrides(t.dims(), t.rawStrides(), shape);
        Tensor out;
        if (strides != null) {
            out = view(t, shape, strides, t.offset());
        } else if (strict) {
            throw new IllegalArgumentException("view: a tensor of shape " + t.shape() + " with strides "
                    + Arrays.toString(t.rawStrides()) + " cannot be viewed as " + Arrays.toString(shape)
                    + " without a copy (use reshape)");
        } else {
            Tensor dense = copyRaw(t);
            out = view(dense, shape, Strided.contiguousStrides(shape), 0);
        }
        int[] original = t.dims();
        return Graph.record(op, out, new Tensor[] {t}, g -> new Tensor[] {g.reshape(original)});
    }

    private static Tensor copyRaw(Tensor t) {
        Tensor out = Tensor.empty(t.backend(), t.dtype(), t.dims());
        t.backend().copy(t.strided(), out.strided());
        return out;
    }

    private static int[] resolveShape(String op, Tensor t, int[] requested) {
        int[] shape = requested.clone();
        int infer = -1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException(op + ": only one dimension can be -1, got " + Arrays.toString(requested));
                }
                infer = i;
                shape[i] = 1;
            } else if (shape[i] < 0) {
                throw new IllegalArgumentException(op + ": invalid dimension " + shape[i] + " in " + Arrays.toString(requested));
            }
        }
        int known;
        try {
            known = Shape.numel(shape); // exact: a product past 2^31-1 is refused, never wrapped
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(op + ": cannot reshape into " + Arrays.toString(requested) + ": "
                    + e.getMessage(), e);
        }
        int n = t.numel();
        if (infer >= 0) {
            if (known == 0 || n % known != 0) {
                throw new IllegalArgumentException(op + ": cannot reshape a tensor of shape " + t.shape() + " (" + n
                        + " elements) into " + Arrays.toString(requested));
            }
            shape[infer] = n / known;
        } else if (known != n) {
            throw new IllegalArgumentException(op + ": cannot reshape a tensor of shape " + t.shape() + " (" + n
                    + " elements) into " + Arrays.toString(requested) + " (" + known + " elements)");
        }
        return shape;
    }

    /**
     * Strides that let {@code newShape} view the same elements in the same order, or null when
     * none exist. Groups of old dimensions that are mutually contiguous can be split or merged
     * freely; anything else needs a copy.
     */
    static int[] viewStrides(int[] oldShape, int[] oldStrides, int[] newShape) {
        int[] newStrides = new int[newShape.length];
        if (Shape.numel(oldShape) == 0) {
            return Strided.contiguousStrides(newShape);
        }
        int oi = 0;
        int ni = 0;
        while (ni < newShape.length || oi < oldShape.length) {
            // skip size-1 dims on both sides: they place no constraint
            if (ni < newShape.length && newShape[ni] == 1) {
                newStrides[ni++] = 1;
                continue;
            }
            if (oi < oldShape.length && oldShape[oi] == 1) {
                oi++;
                continue;
            }
            if (ni >= newShape.length || oi >= oldShape.length) {
                return null;
            }
            // gather a chunk of old dims that are contiguous with each other
            long oldChunk = oldShape[oi];
            int chunkEnd = oi;
            long newChunk = newShape[ni];
            int nStart = ni;
            while (oldChunk != newChunk) {
                if (oldChunk < newChunk) {
                    int next = chunkEnd + 1;
                    while (next < oldShape.length && oldShape[next] == 1) {
                        next++;
                    }
                    if (next >= oldShape.length || oldStrides[chunkEnd] != oldStrides[next] * oldShape[next]) {
                        return null;
                    }
                    chunkEnd = next;
                    oldChunk *= oldShape[chunkEnd];
                } else {
                    ni++;
                    if (ni >= newShape.length) {
                        return null;
                    }
                    newChunk *= newShape[ni];
                }
            }
            // the chunk's innermost stride is that of its last old dim; lay the new dims over it
            int stride = oldStrides[chunkEnd];
            for (int k = ni; k >= nStart; k--) {
                newStrides[k] = stride;
                stride *= newShape[k];
            }
            oi = chunkEnd + 1;
            ni++;
        }
        return newStrides;
    }

    static Tensor permute(Tensor t, int[] order) {
        int rank = t.rank();
        if (order.length != rank) {
            throw new IllegalArgumentException("permute: order " + Arrays.toString(order) + " has " + order.length
                    + " entries for a tensor of rank " + rank);
        }
        int[] shape = new int[rank];
        int[] strides = new int[rank];
        int[] inverse = new int[rank];
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < rank; i++) {
            int d = Shape.normalizeDim("permute", order[i], rank);
            if (seen[d]) {
                throw new IllegalArgumentException("permute: dimension " + d + " repeats in " + Arrays.toString(order));
            }
            seen[d] = true;
            shape[i] = t.dims()[d];
            strides[i] = t.rawStrides()[d];
            inverse[d] = i;
        }
        Tensor out = view(t, shape, strides, t.offset());
        return Graph.record("permute", out, new Tensor[] {t}, g -> new Tensor[] {g.permute(inverse)});
    }

    static Tensor transpose(Tensor t, int dim0, int dim1) {
        int rank = t.rank();
        int a = Shape.normalizeDim("transpose", dim0, rank);
        int b = Shape.normalizeDim("transpose", dim1, rank);
        int[] order = new int[rank];
        for (int i = 0; i < rank; i++) {
            order[i] = i;
        }
        order[a] = b;
        order[b] = a;
        return permute(t, order);
    }

    static Tensor slice(Tensor t, int dim, int start, int end, int step) {
        int d = Shape.normalizeDim("slice", dim, t.rank());
        int size = t.dims()[d];
        int s = start < 0 ? start + size : start;
        int e = end < 0 ? end + size : Math.min(end, size);
        if (step < 1 || s < 0 || s > size || e < s) {
            throw new IllegalArgumentException("slice: range [" + start + ", " + end + ") step " + step
                    + " is invalid for dimension " + dim + " of size " + size + " (shape " + t.shape() + ")");
        }
        Tensor out = sliceRaw(t, d, s, e, step);
        int[] inShape = t.dims();
        return Graph.record("slice", out, new Tensor[] {t}, g -> new Tensor[] {unslice(g, inShape, d, s, e, step)});
    }

    /** Unlike {@link #slice}, which clamps its end like Python, narrow demands the whole range exist. */
    static Tensor narrow(Tensor t, int dim, int start, int length) {
        int d = Shape.normalizeDim("narrow", dim, t.rank());
        int size = t.dims()[d];
        int s = start < 0 ? start + size : start;
        if (length < 0 || s < 0 || (long) s + length > size) {
            throw new IllegalArgumentException("narrow: start " + start + ", length " + length
                    + " is out of range for dimension " + dim + " of size " + size + " (shape " + t.shape() + ")");
        }
        return slice(t, d, s, s + length, 1);
    }

    static Tensor sliceRaw(Tensor t, int d, int start, int end, int step) {
        int[] shape = t.dims().clone();
        int[] strides = t.rawStrides().clone();
        shape[d] = (end - start + step - 1) / step;
        int offset = t.offset() + start * strides[d];
        strides[d] *= step;
        return view(t, shape, strides, offset);
    }

    /** The adjoint of slicing: zeros of the input shape with {@code g} placed in the slice. Differentiable. */
    static Tensor unslice(Tensor g, int[] inShape, int d, int start, int end, int step) {
        Tensor out = Tensor.empty(g.backend(), g.dtype(), inShape);
        g.backend().copy(g.strided(), sliceRaw(out, d, start, end, step).strided());
        return Graph.record("unslice", out, new Tensor[] {g}, gg -> new Tensor[] {gg.slice(d, start, end, step)});
    }

    /**
     * The elements whose indices along {@code d1} and {@code d2} are equal, as a view: both dimensions removed
     * and the diagonal appended last (as torch.diagonal does). Used by einsum for repeated labels.
     */
    static Tensor diagonal(Tensor t, int d1, int d2) {
        int n = t.dims()[d1];
        if (t.dims()[d2] != n || d1 == d2) {
            throw new IllegalArgumentException("diagonal: dimensions " + d1 + " and " + d2 + " of shape " + t.shape()
                    + " must differ and have equal sizes");
        }
        Tensor out = diagonalRaw(t, d1, d2);
        int[] inShape = t.dims();
        return Graph.record("diagonal", out, new Tensor[] {t}, g -> new Tensor[] {undiagonal(g, inShape, d1, d2)});
    }

    private static Tensor diagonalRaw(Tensor t, int d1, int d2) {
        int rank = t.rank();
        int[] shape = new int[rank - 1];
        int[] strides = new int[rank - 1];
        for (int d = 0, k = 0; d < rank; d++) {
            if (d != d1 && d != d2) {
                shape[k] = t.dims()[d];
                strides[k++] = t.rawStrides()[d];
            }
        }
        shape[rank - 2] = t.dims()[d1];
        strides[rank - 2] = t.rawStrides()[d1] + t.rawStrides()[d2];
        return view(t, shape, strides, t.offset());
    }

    /** The adjoint of {@link #diagonal}: zeros of the input shape with {@code g} on the diagonal. Differentiable. */
    private static Tensor undiagonal(Tensor g, int[] inShape, int d1, int d2) {
        Tensor out = Tensor.empty(g.backend(), g.dtype(), inShape);
        g.backend().copy(g.strided(), diagonalRaw(out, d1, d2).strided());
        return Graph.record("undiagonal", out, new Tensor[] {g}, gg -> new Tensor[] {diagonal(gg, d1, d2)});
    }

    static Tensor expand(Tensor t, int[] requested) {
        int[] dims = t.dims();
        if (requested.length < dims.length) {
            throw new IllegalArgumentException("expand: target " + Arrays.toString(requested) + " has fewer dimensions than "
                    + t.shape());
        }
        int lead = requested.length - dims.length;
        int[] shape = requested.clone();
        for (int i = 0; i < requested.length; i++) {
            int own = i < lead ? 1 : dims[i - lead];
            if (shape[i] == -1) {
                if (i < lead) {
                    throw new IllegalArgumentException("expand: -1 is not allowed for the new leading dimension " + i);
                }
                shape[i] = own;
            }
            if (shape[i] < 0) {
                throw new IllegalArgumentException("expand: invalid size " + shape[i] + " in " + Arrays.toString(requested));
            }
            if (own != 1 && own != shape[i]) {
                throw new IllegalArgumentException("expand: cannot expand shape " + t.shape() + " to "
                        + Arrays.toString(requested) + " (dimension " + i + ": " + own + " vs " + shape[i] + ")");
            }
        }
        Strided s = broadcastStrided(t, shape);
        Tensor out = view(t, shape, s.strides(), t.offset());
        Shape original = t.shape();
        return Graph.record("expand", out, new Tensor[] {t}, g -> new Tensor[] {g.sumTo(original)});
    }

    static Tensor squeeze(Tensor t) {
        return reshape(t, Arrays.stream(t.dims()).filter(s -> s != 1).toArray(), false);
    }

    static Tensor squeeze(Tensor t, int dim) {
        int d = Shape.normalizeDim("squeeze", dim, t.rank());
        if (t.dims()[d] != 1) {
            return t;
        }
        int[] shape = new int[t.rank() - 1];
        for (int i = 0, j = 0; i < t.rank(); i++) {
            if (i != d) {
                shape[j++] = t.dims()[i];
            }
        }
        return reshape(t, shape, false);
    }

    static Tensor unsqueeze(Tensor t, int dim) {
        int d = Shape.normalizeDim("unsqueeze", dim, t.rank() + 1);
        int[] shape = new int[t.rank() + 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            shape[i] = i == d ? 1 : t.dims()[j++];
        }
        return reshape(t, shape, false);
    }

    static Tensor flatten(Tensor t, int startDim, int endDim) {
        if (t.rank() == 0) {
            return reshape(t, new int[] {1}, false);
        }
        int s = Shape.normalizeDim("flatten", startDim, t.rank());
        int e = Shape.normalizeDim("flatten", endDim, t.rank());
        if (s > e) {
            throw new IllegalArgumentException("flatten: start dimension " + startDim + " comes after end dimension " + endDim);
        }
        int[] shape = new int[t.rank() - (e - s)];
        int j = 0;
        for (int i = 0; i < s; i++) {
            shape[j++] = t.dims()[i];
        }
        int merged = 1;
        for (int i = s; i <= e; i++) {
            merged *= t.dims()[i];
        }
        shape[j++] = merged;
        for (int i = e + 1; i < t.rank(); i++) {
            shape[j++] = t.dims()[i];
        }
        return reshape(t, shape, false);
    }
}
