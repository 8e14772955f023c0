package dev.nabla.kernels;

/**
 * Op codes of {@code ew_binary_*} (the {@code op} argument); the code is the declaration order, which matches
 * {@code NABLA_BINARY_*} in {@code nabla_ops.cuh}. Comparisons produce 1.0 or 0.0; MAX and MIN propagate NaN. Int64
 * operands compute exactly (ADD, SUB, MUL and POW wrap; DIV truncates; a zero divisor gives 0).
 */
public enum BinaryOp {
    /** a + b. */ ADD,
    /** a - b. */ SUB,
    /** a * b. */ MUL,
    /** a / b. */ DIV,
    /** a^b. */ POW,
    /** maximum, NaN-propagating. */ MAX,
    /** minimum, NaN-propagating. */ MIN,
    /** a == b. */ EQ,
    /** a != b. */ NE,
    /** a &lt; b. */ LT,
    /** a &lt;= b. */ LE,
    /** a &gt; b. */ GT,
    /** a &gt;= b. */ GE,
    /** floor(a / b) (Python's {@code //}); exact for int64. */ FLOOR_DIVIDE,
    /** a - b * floor(a / b), the divisor's sign (Python's {@code %}); exact for int64. */ REMAINDER;

    /** @return the integer passed as the kernel's {@code op} argument */
    public int code() {
        return ordinal();
    }
}
