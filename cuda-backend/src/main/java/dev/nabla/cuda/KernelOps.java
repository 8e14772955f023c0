package dev.nabla.cuda;

import dev.nabla.backend.BinaryOp;
import dev.nabla.backend.ReduceOp;
import dev.nabla.backend.UnaryOp;
import dev.nabla.backend.fast.FusedActivation;
import dev.nabla.kernels.ArgReduceOp;

/**
 * Translates core's op enums into the {@code op} codes of the PTX kernels. Core and the kernels name
 * the shared ops alike, and every core unary and binary op has a kernel code.
 */
final class KernelOps {

    private KernelOps() {
    }

    /** The {@code ew_unary_*} code for {@code op}. */
    static int unary(UnaryOp op) {
        return dev.nabla.kernels.UnaryOp.valueOf(op.name()).code();
    }

    /** The {@code act} argument of the bias-activation kernels: the unary op code of the same name. */
    static int activation(FusedActivation act) {
        return dev.nabla.kernels.UnaryOp.valueOf(act.name()).code();
    }

    /** The {@code ew_unary_*} code of a plain strided copy. */
    static int copy() {
        return dev.nabla.kernels.UnaryOp.COPY.code();
    }

    /** The {@code ew_binary_*} code for {@code op}. */
    static int binary(BinaryOp op) {
        return dev.nabla.kernels.BinaryOp.valueOf(op.name()).code();
    }

    /** The {@code reduce_*} code for {@code op}. */
    static int reduce(ReduceOp op) {
        return dev.nabla.kernels.ReduceOp.valueOf(op.name()).code();
    }

    /** The {@code argreduce_*} code for {@code op}: MAX is ARGMAX, MIN is ARGMIN. */
    static int argReduce(ReduceOp op) {
        return switch (op) {
            case MAX -> ArgReduceOp.ARGMAX.code();
            case MIN -> ArgReduceOp.ARGMIN.code();
            case SUM -> throw new IllegalArgumentException("argReduce: " + op + " has no arg form (MAX or MIN only)");
        };
    }
}
