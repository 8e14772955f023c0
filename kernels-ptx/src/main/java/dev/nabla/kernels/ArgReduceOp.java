package dev.nabla.kernels;

/**
 * Op codes of {@code argreduce_*}; the code is the declaration order, which matches {@code NABLA_ARGREDUCE_*} in
 * {@code nabla_ops.cuh}. Ties go to the smallest index; a NaN wins over numbers.
 */
public enum ArgReduceOp {
    /** index of the maximum. */ ARGMAX,
    /** index of the minimum. */ ARGMIN;

    /** @return the integer passed as the kernel's {@code op} argument */
    public int code() {
        return ordinal();
    }
}
