package dev.nabla;

import dev.nabla.autograd.Backward;
import dev.nabla.autograd.Graph;
import dev.nabla.backend.Backend;
import dev.nabla.backend.BinaryOp;
import dev.nabla.backend.UnaryOp;
import java.util.Arrays;
import java.util.Locale;

/** Elementwise differentiable ops: unary functions, broadcasting binary ops, where, clamp, casts. */
final class Elementwise {

    private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);

    private Elementwise() {
    }

    static String name(Enum<?> op) {
        return op.name().toLowerCase(Locale.ROOT);
    }

    static Tensor unary(UnaryOp op, Tensor x) {
        Backend backend = x.backend();
        DType dtype = keepsIntegers(op) ? x.dtype() : floating(x.dtype());
        Tensor in = castRaw(x, dtype);
        Tensor out = Tensor.empty(backend, dtype, x.dims());
        backend.unary(op, in.strided(), out.strided());
        if (op == UnaryOp.NONFINITE || !dtype.isFloating()) {
            return out;
        }
        return Graph.record(name(op), out, new Tensor[] {x}, unaryBackward(op, x, out), unarySaved(op, x, out));
    }

    /** The tensors whose values a unary rule reads: only these must not change in place before backward. */
    private static Tensor[] unarySaved(UnaryOp op, Tensor x, Tensor out) {
        return switch (op) {
            case NEG, SIGN, FLOOR, NONFINITE -> new Tensor[0];
            case EXP, SQRT, SIGMOID, TANH, EXPM1 -> new Tensor[] {out};
            case LOG, ABS, RELU, SIN, COS, ERF, LOG1P -> new Tensor[] {x};
        };
    }

    /**
     * Whether an INT64 operand stays INT64 (computed exactly): the ops whose integer result is an integer. The
     * others (exp, log, sqrt, sigmoid, ...) promote it to the default float dtype first, as PyTorch does.
     */
    private static boolean keepsIntegers(UnaryOp op) {
        return switch (op) {
            case NEG, ABS, SIGN, RELU, FLOOR -> true;
            case EXP, LOG, SQRT, SIGMOID, TANH, SIN, COS, ERF, NONFINITE, LOG1P, EXPM1 -> false;
        };
    }

    /** {@code d} when floating, else the default float dtype (FLOAT32). */
    private static DType floating(DType d) {
        return d.isFloating() ? d : DType.FLOAT32;
    }

    private static Backward unaryBackward(UnaryOp op, Tensor x, Tensor out) {
        return switch (op) {
            case NEG -> g -> new Tensor[] {g.neg()};
            case EXP -> g -> new Tensor[] {g.mul(out)};
            case LOG -> g -> new Tensor[] {g.div(x)};
            case SQRT -> g -> new Tensor[] {g.div(out.mul(2))};
            case ABS -> g -> new Tensor[] {g.mul(x.sign())};
            case SIGN, FLOOR, NONFINITE -> g -> new Tensor[] {Tensor.zerosLike(x)};
            case SIGMOID -> g -> new Tensor[] {g.mul(out).mul(out.rsub(1))};
            case TANH -> g -> new Tensor[] {g.mul(out.mul(out).rsub(1))};
            case RELU -> g -> new Tensor[] {g.mul(x.gt(0))};
            case SIN -> g -> new Tensor[] {g.mul(x.cos())};
            case COS -> g -> new Tensor[] {g.mul(x.sin()).neg()};
            case ERF -> g -> new Tensor[] {g.mul(x.mul(x).neg().exp().mul(TWO_OVER_SQRT_PI))};
            case LOG1P -> g -> new Tensor[] {g.div(x.add(1))};
            case EXPM1 -> g -> new Tensor[] {g.mul(out.add(1))};
        };
    }

    static Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        Tensor out = binaryRaw(op, a, b);
        if (op.isComparison() || !out.dtype().isFloating()) {
            return out;
        }
        return Graph.record(name(op), out, new Tensor[] {a, b}, binaryBackward(op, a, b, out), binarySaved(op, a, b, out));
    }

    /** The tensors whose values a binary rule reads (see {@link #unarySaved}). */
    private static Tensor[] binarySaved(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        return switch (op) {
            case ADD, SUB, FLOOR_DIVIDE -> new Tensor[0];
            case DIV -> new Tensor[] {b, out};
            case POW -> new Tensor[] {a, b, out};
            default -> new Tensor[] {a, b};
        };
    }

    /** {@code op(a, b)} with broadcasting and promotion, not recorded. */
    private static Tensor binaryRaw(BinaryOp op, Tensor a, Tensor b) {
        String name = name(op);
        Checks.sameDevice(name, a, b);
        int[] shape = Shape.broadcast(name, a.dims(), b.dims());
        DType dtype = DType.promote(a.dtype(), b.dtype());
        if (op == BinaryOp.DIV) {
            // true division: integers divide in the default float dtype, as in PyTorch and NumPy
            dtype = floating(dtype);
        } else if (!dtype.isFloating() && (op == BinaryOp.FLOOR_DIVIDE || op == BinaryOp.REMAINDER)) {
            requireNoZero(name, b);
        }
        Backend backend = a.backend();
        Tensor out = Tensor.empty(backend, dtype, shape);
        backend.binary(op, Views.broadcastStrided(castRaw(a, dtype), shape),
                Views.broadcastStrided(castRaw(b, dtype), shape), out.strided());
        return out;
    }

    /** Integer division by zero has no value: refuse it, on every backend alike, before any kernel runs. */
    private static void requireNoZero(String op, Tensor divisor) {
        if (divisor.numel() > 0 && binaryRaw(BinaryOp.EQ, divisor, Creation.scalarLike(0, divisor)).max().item() != 0) {
            throw new ArithmeticException(op + ": integer division by zero (the " + divisor.dtype().id()
                    + " divisor of shape " + divisor.shape() + " holds a 0)");
        }
    }

    private static Backward binaryBackward(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        Shape sa = a.shape();
        Shape sb = b.shape();
        boolean da = a.requiresGrad();
        boolean db = b.requiresGrad();
        return switch (op) {
            case ADD -> g -> new Tensor[] {da ? g.sumTo(sa) : null, db ? g.sumTo(sb) : null};
            case SUB -> g -> new Tensor[] {da ? g.sumTo(sa) : null, db ? g.neg().sumTo(sb) : null};
            case MUL -> g -> new Tensor[] {da ? g.mul(b).sumTo(sa) : null, db ? g.mul(a).sumTo(sb) : null};
            case DIV -> g -> new Tensor[] {da ? g.div(b).sumTo(sa) : null, db ? g.mul(out).div(b).neg().sumTo(sb) : null};
            case POW -> g -> new Tensor[] {da ? powBaseGradient(g, a, b).sumTo(sa) : null,
                db ? powExponentGradient(g, a, b, out).sumTo(sb) : null};
            case FLOOR_DIVIDE -> g -> new Tensor[] {
                da ? Tensor.zerosLike(a) : null, db ? Tensor.zerosLike(b) : null};
            case REMAINDER -> g -> new Tensor[] {
                da ? g.sumTo(sa) : null, db ? g.mul(a.floorDivide(b)).neg().sumTo(sb) : null};
            case MAX, MIN -> g -> {
                // the winner takes the gradient; ties split it evenly, as PyTorch does
                Tensor aWins = (op == BinaryOp.MAX ? a.gt(b) : a.lt(b)).add(a.eq(b).mul(0.5));
                return new Tensor[] {
                    da ? g.mul(aWins).sumTo(sa) : null,
                    db ? g.mul(aWins.rsub(1)).sumTo(sb) : null};
            };
            default -> throw new IllegalStateException("no gradient for " + op);
        };
    }

    /**
     * {@code g·b·a^(b-1)}, taken as 0 where {@code b == 0} (as PyTorch does): {@code a^0} is constant, but
     * the formula gives {@code 0·0^-1 = NaN} at a zero base.
     */
    private static Tensor powBaseGradient(Tensor g, Tensor a, Tensor b) {
        Tensor formula = g.mul(b).mul(a.pow(b.sub(1)));
        return where(b.eq(0), Creation.scalarLike(0, formula), formula);
    }

    /**
     * {@code g·a^b·log(a)}, taken as 0 where {@code a == 0} and {@code b >= 0} (as PyTorch does): the
     * formula gives {@code 0·-inf = NaN}, or {@code -inf} for {@code 0^0}, where PyTorch's one-sided
     * convention (bases approaching 0 from above) gives 0.
     */
    private static Tensor powExponentGradient(Tensor g, Tensor a, Tensor b, Tensor out) {
        Tensor formula = g.mul(out).mul(a.log());
        return where(a.eq(0).mul(b.ge(Creation.scalarLike(0, b))), Creation.scalarLike(0, formula), formula);
    }

    static Tensor where(Tensor cond, Tensor a, Tensor b) {
        Checks.sameDevice("where", cond, a, b);
        int[] shape = Shape.broadcast("where", cond.dims(), Shape.broadcast("where", a.dims(), b.dims()));
        DType dtype = DType.promote(a.dtype(), b.dtype());
        Backend backend = a.backend();
        Tensor out = Tensor.empty(backend, dtype, shape);
        // cast a truth mask, not the condition itself: casting 0.5 or NaN to INT64 would make it false
        Tensor truth = cond.dtype() == dtype ? cond
                : castRaw(binaryRaw(BinaryOp.NE, cond, Creation.scalarLike(0, cond)), dtype);
        backend.where(Views.broadcastStrided(truth, shape), Views.broadcastStrided(castRaw(a, dtype), shape),
                Views.broadcastStrided(castRaw(b, dtype), shape), out.strided());
        Shape sa = a.shape();
        Shape sb = b.shape();
        return Graph.record("where", out, new Tensor[] {a, b}, g -> {
            Tensor zero = Creation.scalarLike(0, g);
            return new Tensor[] {
                a.requiresGrad() ? where(cond, g, zero).sumTo(sa) : null,
                b.requiresGrad() ? where(cond, zero, g).sumTo(sb) : null};
        }, cond);
    }

    /**
     * Limits {@code x} to {@code [min, max]}; a {@code null} bound leaves that side open. The gradient passes
     * where {@code min <= x <= max} (bounds included, as PyTorch does).
     */
    static Tensor clamp(String op, Tensor x, Double min, Double max) {
        if (min == null && max == null) {
            throw new IllegalArgumentException(op + ": needs at least one bound, got neither min nor max");
        }
        if (min != null && min.isNaN() || max != null && max.isNaN()) {
            throw new IllegalArgumentException(op + ": a bound is NaN (min " + min + ", max " + max + ")");
        }
        if (min != null && max != null && min > max) {
            throw new IllegalArgumentException(op + ": min " + min + " is greater than max " + max);
        }
        Tensor lo = min == null ? null : Creation.scalarLike(min, x);
        Tensor hi = max == null ? null : Creation.scalarLike(max, x);
        Tensor out = x;
        try (var ignored = dev.nabla.autograd.Autograd.noGradScope()) {
            out = lo == null ? out : out.maximum(lo);
            out = hi == null ? out : out.minimum(hi);
        }
        return Graph.record(op, out, new Tensor[] {x}, g -> {
            Tensor inside = lo == null ? x.le(hi) : hi == null ? x.ge(lo) : x.ge(lo).mul(x.le(hi));
            return new Tensor[] {g.mul(inside)};
        }, x);
    }

    /**
     * {@code value} where {@code mask} is nonzero, else {@code x}; the mask broadcasts to x's shape (not
     * beyond it) and may have any dtype. The gradient flows to the elements left in place.
     */
    static Tensor maskedFill(Tensor x, Tensor mask, double value) {
        Checks.sameDevice("maskedFill", x, mask);
        int[] shape = Shape.broadcast("maskedFill", x.dims(), mask.dims());
        if (!Arrays.equals(shape, x.dims())) {
            throw new IllegalArgumentException("maskedFill: mask of shape " + mask.shape()
                    + " must broadcast to the tensor's shape " + x.shape() + ", not enlarge it to "
                    + Arrays.toString(shape));
        }
        if (!x.dtype().isFloating() && value != Math.rint(value)) {
            throw new IllegalArgumentException("maskedFill: value " + value
                    + " is not a whole number, but the tensor is " + x.dtype().id());
        }
        return where(mask, Creation.full(value, x.dtype(), x.device()), x);
    }

    /** A copy in {@code dtype}, recorded so gradients flow back between floating types. */
    static Tensor cast(Tensor x, DType dtype) {
        if (x.dtype() == dtype) {
            return x;
        }
        Tensor out = castRaw(x, dtype);
        if (!dtype.isFloating() || !x.dtype().isFloating()) {
            return out;
        }
        return Graph.record("to", out, new Tensor[] {x}, g -> new Tensor[] {g.to(x.dtype())});
    }

    /** A dense copy with the same dtype, recorded as the identity. */
    static Tensor copy(Tensor x) {
        Tensor out = Tensor.empty(x.backend(), x.dtype(), x.dims());
        x.backend().copy(x.strided(), out.strided());
        return Graph.record("copy", out, new Tensor[] {x}, g -> new Tensor[] {g});
    }

    /** {@code x} in {@code dtype} without recording (the caller records the op as a whole). */
    static Tensor castRaw(Tensor x, DType dtype) {
        if (x.dtype() == dtype) {
            return x;
        }
        Tensor out = Tensor.empty(x.backend(), dtype, x.dims());
        x.backend().copy(x.strided(), out.strided());
        return out;
    }
}
