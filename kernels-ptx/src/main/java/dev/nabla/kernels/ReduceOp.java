package dev.nabla.kernels;

/**
 * Op codes of {@code reduce_*}; the code is the declaration order, which matches {@code NABLA_REDUCE_*} in
 * {@code nabla_ops.cuh}. An empty reduced axis gives 0 (SUM), NaN (MEAN), -inf (MAX) or +inf (MIN).
 */
public enum ReduceOp {
    /** sum. */ SUM,
    /** arithmetic mean. */ MEAN,
    /** maximum, NaN-propagating. */ MAX,
    /** minimum, NaN-propagating. */ MIN;

    /** @return the integer passed as the kernel's {@code op} argument */
    public int code() {
        return ordinal();
    }
}
