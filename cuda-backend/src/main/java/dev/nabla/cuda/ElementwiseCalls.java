package dev.nabla.cuda;

import dev.nabla.DType;
import dev.nabla.kernels.LaunchGeometry;
import dev.nabla.kernels.StridedLayout;
import java.util.OptionalInt;

/**
 * Builds launches of the {@code ew_*} kernels. Every elementwise kernel takes its pointers first (output,
 * then inputs), then the element count (contiguous form only), then the op code (if the family has
 * one), then the {@code NdLayout} (strided form only); this record builds that list once for all
 * families.
 */
final class ElementwiseCalls {

    private ElementwiseCalls() {
    }

    /**
     * @param family {@code "ew_unary"}, {@code "ew_binary"} or {@code "ew_where"}
     * @param dtype the operands' dtype
     * @param route {@link ElementwiseRoute#CONTIGUOUS} or {@link ElementwiseRoute#STRIDED}
     * @param loop the coalesced loop, output strides first
     * @param op the op code, empty for {@code ew_where}
     * @param addresses the device addresses of element 0 of each operand, output first
     */
    static KernelCall of(String family, DType dtype, ElementwiseRoute route, Coalesced loop, OptionalInt op,
            long... addresses) {
        if (route == ElementwiseRoute.HOST) {
            throw new IllegalArgumentException("ElementwiseCalls.of: " + family + " on the host route has no kernel");
        }
        boolean strided = route == ElementwiseRoute.STRIDED;
        return build(KernelNames.of(strided ? family + "_strided" : family, dtype), strided, loop, op, addresses);
    }

    /** The strided cast {@code from -> to} (FLOAT32 and FLOAT64); addresses are {output, input}. */
    static KernelCall cast(DType from, DType to, Coalesced loop, long out, long in) {
        return build(KernelNames.cast(from, to), true, loop, OptionalInt.empty(), out, in);
    }

    private static KernelCall build(String kernel, boolean strided, Coalesced loop, OptionalInt op,
            long... addresses) {
        if (addresses.length != loop.strides().length) {
            throw new IllegalArgumentException("ElementwiseCalls: " + addresses.length + " addresses for "
                    + loop.strides().length + " operands of " + kernel);
        }
        KernelArgs args = new KernelArgs();
        for (long address : addresses) {
            args.pointer(address);
        }
        int n = Math.toIntExact(loop.numel());
        if (!strided) {
            args.i32(n);
        }
        op.ifPresent(args::i32);
        if (strided) {
            args.layout(StridedLayout.pack(loop.shape(), loop.strides()));
        }
        return new KernelCall(kernel, LaunchGeometry.elementwise(n), args);
    }
}
