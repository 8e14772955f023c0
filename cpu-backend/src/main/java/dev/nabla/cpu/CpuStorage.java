package dev.nabla.cpu;

import dev.nabla.DType;
import dev.nabla.backend.Backend;
import dev.nabla.backend.Storage;

/** A heap array: {@code float[]} for FLOAT32, {@code double[]} for FLOAT64, {@code long[]} for INT64. */
public final class CpuStorage extends Storage {

    private final Object data;

    CpuStorage(DType dtype, Object data, int size) {
        super(dtype, size);
        this.data = data;
    }

    static CpuStorage allocate(DType dtype, int size) {
        Object data = switch (dtype) {
            case FLOAT32 -> new float[size];
            case FLOAT64 -> new double[size];
            case INT64 -> new long[size];
        };
        return new CpuStorage(dtype, data, size);
    }

    /** The backing array (for kernels). */
    public Object data() {
        return data;
    }

    @Override
    public Backend backend() {
        return CpuBackend.INSTANCE;
    }
}
