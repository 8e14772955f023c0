package dev.nabla.distributed;

/** How {@link Communicator#allReduce} combines the ranks' values. */
public enum ReduceOp {
    /** The element-wise sum over all ranks. */
    SUM,
    /** The element-wise sum divided by the number of ranks (floating types only). */
    MEAN
}
