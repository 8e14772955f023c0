package dev.nabla.distributed;

import dev.nabla.DType;
import java.util.Locale;

/**
 * What one rank asked of a collective: the kind, the root (broadcast), the element type and count.
 * Ranks compare descriptors so that mismatched calls fail clearly instead of mixing data.
 *
 * @param kind the collective
 * @param root the broadcasting rank, or -1
 * @param dtype the element type (INT64 for a barrier, which carries one element)
 * @param count the number of elements
 */
record Collective(Kind kind, int root, DType dtype, int count) {

    /** The collectives that move elements. */
    enum Kind {
        /** Sum over ranks. */
        SUM,
        /** Sum over ranks, then divided by the rank count. */
        MEAN,
        /** Rank {@code root}'s elements everywhere. */
        BROADCAST,
        /** One element summed, to meet. */
        BARRIER
    }

    /** The all-reduce of {@code count} elements with {@code op}. */
    static Collective allReduce(ReduceOp op, DType dtype, int count) {
        return new Collective(op == ReduceOp.SUM ? Kind.SUM : Kind.MEAN, -1, dtype, count);
    }

    /** For messages: {@code allReduce(SUM) of 1000 float32}. */
    String describe() {
        String name = switch (kind) {
            case SUM, MEAN -> "allReduce(" + kind + ")";
            case BROADCAST -> "broadcast(root " + root + ")";
            case BARRIER -> "barrier";
        };
        return kind == Kind.BARRIER ? name : name + " of " + count + " " + dtype.name().toLowerCase(Locale.ROOT);
    }
}
