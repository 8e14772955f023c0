package dev.nabla.kernels;

/**
 * Op codes of {@code ew_unary_*} (the {@code op} argument); the code is the declaration order, which matches
 * {@code NABLA_UNARY_*} in {@code nabla_ops.cuh}.
 */
public enum UnaryOp {
    /** -x. */ NEG,
    /** e^x. */ EXP,
    /** natural logarithm. */ LOG,
    /** square root. */ SQRT,
    /** |x|. */ ABS,
    /** -1, 0 or 1 (0, -0 and NaN pass through). */ SIGN,
    /** 1 / (1 + e^-x), overflow-free. */ SIGMOID,
    /** hyperbolic tangent. */ TANH,
    /** max(x, 0), NaN passes through. */ RELU,
    /** 1 / x. */ RECIPROCAL,
    /** x * x. */ SQUARE,
    /** sine. */ SIN,
    /** cosine. */ COS,
    /** x (a strided copy). */ COPY,
    /** the error function. */ ERF,
    /** the largest integer not above x. */ FLOOR,
    /** 1 where x is NaN or infinite, else 0. */ NONFINITE,
    /** log(1 + x), accurate for small x. */ LOG1P,
    /** e^x - 1, accurate for small x. */ EXPM1;

    /** @return the integer passed as the kernel's {@code op} argument */
    public int code() {
        return ordinal();
    }
}
