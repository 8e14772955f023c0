package dev.nabla.backend.fast;

import dev.nabla.backend.BinaryOp;

/** The running combinations a {@link ScanKernel} computes. */
public enum ScanOp {
    /** Running sums ({@code cumsum}). */
    SUM(BinaryOp.ADD, 0),
    /** Running products ({@code cumprod}). */
    PRODUCT(BinaryOp.MUL, 1);

    private final BinaryOp combine;
    private final double identity;

    ScanOp(BinaryOp combine, double identity) {
        this.combine = combine;
        this.identity = identity;
    }

    /** The elementwise primitive that combines two partial results. */
    public BinaryOp combine() {
        return combine;
    }

    /** The value a scan starts from (0 for sums, 1 for products). */
    public double identity() {
        return identity;
    }
}
