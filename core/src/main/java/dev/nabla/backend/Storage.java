package dev.nabla.backend;

import dev.nabla.DType;

/**
 * A flat buffer of elements owned by one backend. Tensors are views (shape, strides, offset) over
 * a storage; several tensors may share one.
 *
 * <p>The version counter lets autograd detect an in-place change of a tensor that a backward
 * pass still needs: every in-place write bumps it.
 */
public abstract class Storage {

    private final DType dtype;
    private final int size;
    private int version;

    /**
     * @param dtype the element type
     * @param size the number of elements
     */
    protected Storage(DType dtype, int size) {
        this.dtype = dtype;
        this.size = size;
    }

    /** The element type. */
    public final DType dtype() {
        return dtype;
    }

    /** The number of elements. */
    public final int size() {
        return size;
    }

    /** The backend that owns this storage. */
    public abstract Backend backend();

    /** How many in-place writes this storage has seen. */
    public final int version() {
        return version;
    }

    /** Records an in-place write. */
    public final void bumpVersion() {
        version++;
    }
}
