package dev.nabla.cuda;

import dev.nabla.DType;
import dev.nabla.kernels.StridedLayout;

/** Which implementation serves one elementwise launch (unary, binary, where, copy, cast). */
enum ElementwiseRoute {
    /** Every operand dense: the {@code ew_*_T(..., int n, ...)} kernels on base pointers. */
    CONTIGUOUS,
    /** Strided or broadcast operands of (coalesced) rank up to 8: the {@code ew_*_strided_T} kernels. */
    STRIDED,
    /** No kernel for the dtype or op, or rank above 8 after coalescing: the CPU backend on host copies. */
    HOST;

    /**
     * @param dtype the operands' dtype
     * @param opHasKernel whether a kernel computes the op at all
     * @param loop the coalesced loop over all operands
     */
    static ElementwiseRoute choose(DType dtype, boolean opHasKernel, Coalesced loop) {
        if (!KernelNames.hasKernels(dtype) || !opHasKernel || loop.rank() > StridedLayout.MAX_DIMS) {
            return HOST;
        }
        return loop.isDense() ? CONTIGUOUS : STRIDED;
    }

    /** Why {@link #choose} sends a launch to the host (for the one-time log line). */
    static String hostReason(DType dtype, boolean opHasKernel, Coalesced loop) {
        if (!KernelNames.hasKernels(dtype)) {
            return "no PTX kernels for " + dtype;
        }
        if (!opHasKernel) {
            return "no PTX kernel computes this op";
        }
        return "rank " + loop.rank() + " after coalescing exceeds NdLayout's " + StridedLayout.MAX_DIMS;
    }
}
