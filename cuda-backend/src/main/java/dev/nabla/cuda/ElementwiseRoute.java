package dev.nabla.cuda;

import dev.nabla.kernels.StridedLayout;

/** Which implementation serves one elementwise launch (unary, binary, where, copy, cast). */
enum ElementwiseRoute {
    /** Every operand dense: the {@code ew_*_T(..., int n, ...)} kernels on base pointers. */
    CONTIGUOUS,
    /** Strided or broadcast operands of (coalesced) rank up to 8: the {@code ew_*_strided_T} kernels. */
    STRIDED,
    /** Rank above 8 after coalescing, beyond {@code NdLayout}: the CPU backend on host copies. */
    HOST;

    /** The route for a coalesced loop over all operands (every dtype and op has kernels). */
    static ElementwiseRoute of(Coalesced loop) {
        if (loop.rank() > StridedLayout.MAX_DIMS) {
            return HOST;
        }
        return loop.isDense() ? CONTIGUOUS : STRIDED;
    }

    /** Why {@link #of} sends a launch to the host (for the one-time log line). */
    static String hostReason(Coalesced loop) {
        return "rank " + loop.rank() + " after coalescing exceeds NdLayout's " + StridedLayout.MAX_DIMS;
    }
}
