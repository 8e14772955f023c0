package dev.nabla;

/** Element types of tensors. */
public enum DType {
    /** 32-bit IEEE float: the default for tensors created from scalars and for parameters. */
    FLOAT32(4, true),
    /** 64-bit IEEE float: used for gradient checks and classical ML. */
    FLOAT64(8, true),
    /** 64-bit signed integer: indices and class labels. */
    INT64(8, false);

    private final int byteSize;
    private final boolean floating;

    DType(int byteSize, boolean floating) {
        this.byteSize = byteSize;
        this.floating = floating;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /** Whether this is a floating-point type (only those can require gradients). */
    public boolean isFloating() {
        return floating;
    }

    /** The type both operands of a binary op are computed in: FLOAT64 over FLOAT32 over INT64. */
    public static DType promote(DType a, DType b) {
        if (a == FLOAT64 || b == FLOAT64) {
            return FLOAT64;
        }
        if (a == FLOAT32 || b == FLOAT32) {
            return FLOAT32;
        }
        return INT64;
    }

    /** The lower-case name used in messages and checkpoints' own metadata, e.g. {@code float32}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
