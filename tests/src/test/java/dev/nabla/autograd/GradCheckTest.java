package dev.nabla.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Generator;
import dev.nabla.PadMode;
import dev.nabla.Tensor;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every differentiable op against central finite differences in float64. */
class GradCheckTest {

    /** An op under test: its inputs' shapes, and whether they must be positive (log, sqrt, divisors, bases). */
    private record Case(String name, Function<Tensor[], Tensor> f, int[][] shapes, boolean positive) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case c(String name, Function<Tensor[], Tensor> f, int[]... shapes) {
        return new Case(name, f, shapes, false);
    }

    private static Case positive(String name, Function<Tensor[], Tensor> f, int[]... shapes) {
        return new Case(name, f, shapes, true);
    }

    private static int[] s(int... dims) {
        return dims;
    }

    private static final Tensor COND = Tensor.of(new double[] {1, 0, 1});
    private static final Tensor INDEX = Tensor.of(new long[] {2, 0, 1, 1, 0, 0}, 2, 3);

    static Stream<Case> firstOrder() {
        return Stream.of(
            c("neg", x -> x[0].neg(), s(2, 3)),
            c("exp", x -> x[0].exp(), s(2, 3)),
            positive("log", x -> x[0].log(), s(2, 3)),
            positive("sqrt", x -> x[0].sqrt(), s(2, 3)),
            c("abs", x -> x[0].abs(), s(2, 3)),
            c("sigmoid", x -> x[0].sigmoid(), s(2, 3)),
            c("tanh", x -> x[0].tanh(), s(2, 3)),
            c("relu", x -> x[0].relu(), s(2, 3)),
            c("sin", x -> x[0].sin(), s(2, 3)),
            c("cos", x -> x[0].cos(), s(2, 3)),
            c("erf", x -> x[0].erf(), s(2, 3)),
            c("clamp", x -> x[0].clamp(-0.5, 0.7), s(2, 3)),
            c("powScalar", x -> x[0].pow(3), s(2, 3)),
            c("rsub", x -> x[0].rsub(2), s(2, 3)),
            c("add broadcast", x -> x[0].add(x[1]), s(2, 3), s(3)),
            c("sub broadcast", x -> x[0].sub(x[1]), s(2, 1, 4), s(3, 1)),
            c("mul broadcast", x -> x[0].mul(x[1]), s(4, 1), s(1, 5)),
            c("mul scalar tensor", x -> x[0].mul(x[1]), s(), s(2, 2)),
            positive("div broadcast", x -> x[0].div(x[1]), s(2, 3), s(3)),
            positive("pow tensor", x -> x[0].pow(x[1]), s(2, 3), s(2, 1)),
            c("maximum", x -> x[0].maximum(x[1]), s(2, 3), s(3)),
            c("minimum", x -> x[0].minimum(x[1]), s(2, 3), s(2, 3)),
            c("where", x -> Tensor.where(COND, x[0], x[1]), s(2, 3), s(2, 1)),
            c("reshape", x -> x[0].reshape(3, 2).mul(x[0].reshape(3, 2)), s(2, 3)),
            c("transpose strided", x -> x[0].t().exp().mul(x[1]), s(2, 3), s(3, 2)),
            c("permute", x -> x[0].permute(2, 0, 1).sin(), s(2, 3, 4)),
            c("slice with step", x -> x[0].slice(1, 0, 5, 2).exp(), s(2, 5)),
            c("narrow select", x -> x[0].narrow(0, 1, 2).select(1, 2).tanh(), s(3, 4)),
            c("expand", x -> x[0].expand(3, 2, 4).mul(x[1]), s(2, 1), s(3, 2, 4)),
            c("squeeze unsqueeze flatten", x -> x[0].unsqueeze(1).squeeze().flatten().exp(), s(2, 3)),
            c("contiguous copy", x -> x[0].t().contiguous().copy().mul(2), s(2, 3)),
            c("reshape of transpose", x -> x[0].t().reshape(6).sin(), s(2, 3)),
            c("sum dims", x -> x[0].sum(new int[] {0, 2}, true).exp(), s(2, 3, 4)),
            c("mean dim", x -> x[0].mean(new int[] {1}, false), s(2, 3, 4)),
            c("max dims", x -> x[0].max(new int[] {0, 2}, false), s(2, 3, 4)),
            c("min dim", x -> x[0].min(-1), s(2, 3, 4)),
            c("max all", x -> x[0].max(), s(3, 4)),
            c("var dims", x -> x[0].var(new int[] {0, 1}, 1, false), s(2, 3, 4)),
            c("std dim", x -> x[0].std(new int[] {1}, 0, true), s(2, 3, 4)),
            c("logsumexp dims", x -> x[0].logsumexp(new int[] {0, 2}, false), s(2, 3, 4)),
            c("norm 1", x -> x[0].norm(1, new int[] {1}, false), s(2, 3)),
            c("norm 2", x -> x[0].norm(2, new int[] {0, 1}, false), s(2, 3)),
            c("norm 3", x -> x[0].norm(3), s(2, 3)),
            c("norm inf", x -> x[0].norm(Double.POSITIVE_INFINITY, new int[] {1}, true), s(2, 3)),
            c("matmul vv", x -> x[0].matmul(x[1]), s(3), s(3)),
            c("matmul vm", x -> x[0].matmul(x[1]), s(3), s(3, 4)),
            c("matmul mv", x -> x[0].matmul(x[1]), s(2, 3), s(3)),
            c("matmul mm", x -> x[0].matmul(x[1]), s(2, 3), s(3, 4)),
            c("matmul batch broadcast", x -> x[0].matmul(x[1]), s(5, 2, 3), s(3, 4)),
            c("matmul both batches", x -> x[0].matmul(x[1]), s(2, 1, 2, 3), s(4, 3, 2)),
            c("matmul v batched", x -> x[0].matmul(x[1]), s(3), s(2, 3, 4)),
            c("matmul batched v", x -> x[0].matmul(x[1]), s(2, 4, 3), s(3)),
            c("matmul transposed", x -> x[0].t().matmul(x[1].t()), s(3, 2), s(4, 3)),
            c("cat", x -> Tensor.cat(1, x[0], x[1]).exp(), s(2, 3), s(2, 1)),
            c("stack", x -> Tensor.stack(0, x[0], x[1]).sin(), s(2, 3), s(2, 3)),
            c("split", x -> x[0].split(2, 1).get(1).mul(x[0].chunk(2, 1).get(0)), s(2, 4)),
            c("gather", x -> x[0].gather(1, INDEX), s(2, 4)),
            c("scatterAdd", x -> x[0].scatterAdd(1, INDEX, x[1]), s(2, 4), s(2, 3)),
            c("indexSelect", x -> x[0].indexSelect(0, Tensor.of(new long[] {2, 0, 2})).exp(), s(3, 2)),
            c("sumTo", x -> x[0].sumTo(dev.nabla.Shape.of(3, 1)).exp(), s(2, 3, 4)),
            positive("log1p", x -> x[0].log1p(), s(2, 3)),
            c("expm1", x -> x[0].expm1(), s(2, 3)),
            c("clampMin", x -> x[0].clampMin(-0.5), s(2, 3)),
            c("clampMax", x -> x[0].clampMax(0.7), s(2, 3)),
            c("maskedFill", x -> x[0].maskedFill(COND.reshape(3, 1), 2.5).mul(x[0]), s(3, 4)),
            c("max dim values", x -> x[0].max(1, false).values(), s(3, 5)),
            c("min dim keepDim", x -> x[0].min(0, true).values().mul(x[1]), s(4, 3), s(2, 3)),
            c("cumsum", x -> x[0].cumsum(1), s(3, 4)),
            c("cumsum of transpose", x -> x[0].t().cumsum(0).sin(), s(3, 4)),
            c("cumprod", x -> x[0].cumprod(1), s(3, 4)),
            c("cumprod dim 0", x -> x[0].cumprod(0), s(4, 2)),
            c("sort", x -> x[0].sort(1, false).values(), s(3, 5)),
            c("sort descending dim 0", x -> x[0].sort(0, true).values().exp(), s(4, 3)),
            c("topk", x -> x[0].topk(2, -1, true).values(), s(3, 5)),
            c("repeat", x -> x[0].repeat(2, 1, 3).sin(), s(2, 3)),
            c("tile", x -> x[0].tile(3).mul(x[0].tile(1, 3)), s(2, 3)),
            c("pad constant with cropping", x -> x[0].pad(new int[] {2, -1, -1, 1}, PadMode.CONSTANT, 0.5).exp(),
                    s(2, 3, 4)),
            c("pad reflect", x -> x[0].pad(new int[] {2, 1, 1, 2}, PadMode.REFLECT, 0), s(2, 3, 4)),
            c("pad replicate", x -> x[0].pad(new int[] {0, 3, 2, 0}, PadMode.REPLICATE, 0), s(2, 3, 2)),
            c("einsum bij,bjk->bik", x -> Tensor.einsum("bij,bjk->bik", x[0], x[1]), s(2, 3, 4), s(2, 4, 2)),
            c("einsum bhqd,bhkd->bhqk", x -> Tensor.einsum("bhqd,bhkd->bhqk", x[0], x[1]), s(2, 2, 3, 4),
                    s(2, 2, 5, 4)),
            c("einsum outer", x -> Tensor.einsum("i,j->ij", x[0], x[1]), s(3), s(4)),
            c("einsum trace", x -> Tensor.einsum("ii->", x[0]), s(4, 4)),
            c("einsum diagonal", x -> Tensor.einsum("ii->i", x[0]), s(3, 3)),
            c("einsum broadcast ellipsis", x -> Tensor.einsum("...ij,...jk", x[0], x[1]), s(2, 1, 3, 2), s(3, 2, 4)),
            c("einsum three operands", x -> Tensor.einsum("ij,jk,k->i", x[0], x[1], x[2]), s(2, 3), s(3, 4), s(4)));
    }

    private static Tensor[] inputs(Case c) {
        Generator gen = new Generator(c.name().hashCode());
        Tensor[] in = new Tensor[c.shapes().length];
        for (int i = 0; i < in.length; i++) {
            Tensor t = Tensor.uniform(gen, -2, 2, DType.FLOAT64, Device.best(), c.shapes()[i]);
            in[i] = (c.positive() ? t.abs().add(0.5) : t).requiresGrad(true);
        }
        return in;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("firstOrder")
    void firstDerivativesMatchFiniteDifferences(Case c) {
        GradCheck.Result r = GradCheck.check(c.f(), inputs(c));
        assertTrue(r.passed(), c + ": " + r);
    }

    static Stream<Case> secondOrder() {
        return Stream.of(
            c("tanh", x -> x[0].tanh(), s(2, 3)),
            c("mul", x -> x[0].mul(x[1]).mul(x[0]), s(2, 3), s(3)),
            c("matmul", x -> x[0].matmul(x[1]).tanh(), s(2, 3), s(3, 4)),
            c("matmul batched", x -> x[0].matmul(x[1]).pow(2), s(2, 2, 3), s(3, 2)),
            c("exp", x -> x[0].exp(), s(4)),
            c("sigmoid", x -> x[0].sigmoid(), s(4)),
            positive("log", x -> x[0].log(), s(4)),
            positive("div", x -> x[0].div(x[1]), s(2, 2), s(2)),
            positive("sqrt", x -> x[0].sqrt(), s(4)),
            c("sin cos", x -> x[0].sin().mul(x[0].cos()), s(4)),
            c("erf", x -> x[0].erf(), s(4)),
            c("logsumexp", x -> x[0].logsumexp(new int[] {1}, false), s(2, 3)),
            c("var", x -> x[0].var(new int[] {0}, 1, false), s(3, 2)),
            c("views", x -> x[0].t().slice(0, 0, 3, 2).exp().mul(x[0].select(0, 1).sum()), s(2, 3)),
            c("norm 2", x -> x[0].norm(2, new int[] {1}, false), s(2, 3)),
            c("norm 3", x -> x[0].norm(3), s(4)),
            c("gather", x -> x[0].gather(1, INDEX).pow(3), s(2, 4)),
            positive("log1p", x -> x[0].log1p(), s(4)),
            c("expm1", x -> x[0].expm1(), s(4)),
            c("maskedFill", x -> x[0].maskedFill(COND, -1).mul(x[0]), s(2, 3)),
            c("max dim", x -> x[0].max(1, false).values().pow(3), s(2, 3)),
            c("cumsum", x -> x[0].cumsum(1).pow(3), s(2, 3)),
            c("cumprod", x -> x[0].cumprod(1), s(2, 4)),
            c("sort", x -> x[0].sort(1, true).values().pow(3), s(2, 4)),
            c("topk", x -> x[0].topk(2, 0, false).values().pow(3), s(4, 2)),
            c("repeat", x -> x[0].repeat(2, 2).pow(3), s(2, 2)),
            c("pad reflect", x -> x[0].pad(new int[] {1, 2}, PadMode.REFLECT, 0).pow(3), s(2, 4)),
            c("pad constant", x -> x[0].pad(new int[] {1, -1}, PadMode.CONSTANT, 2).pow(3), s(2, 3)),
            c("einsum bij,bjk->bik", x -> Tensor.einsum("bij,bjk->bik", x[0], x[1]).tanh(), s(2, 2, 3), s(2, 3, 2)),
            c("einsum trace", x -> Tensor.einsum("ii", x[0]).pow(2), s(3, 3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secondOrder")
    void secondDerivativesMatchFiniteDifferences(Case c) {
        GradCheck.Result r = GradCheck.checkSecondOrder(c.f(), inputs(c));
        assertTrue(r.passed(), c + ": " + r);
    }

    @Test
    void cumprodGradientsAreRightWhereInputsAreZero() {
        // one zero, two zeros, zeros first and last in a line, and a line of nonzeros, along both dimensions
        double[] values = {2, 0, 3, 0.5, -1.5, 1.5, -2, 0, 4, 0, 0, 0, 2, 3, 1, 0.5, 1.5, -2, 3, 0.75};
        for (int dim = 0; dim < 2; dim++) {
            int d = dim;
            Function<Tensor[], Tensor> f = x -> x[0].cumprod(d);
            Tensor x = Tensor.of(values, 4, 5).requiresGrad(true);
            GradCheck.Result first = GradCheck.check(f, x);
            assertTrue(first.passed(), "dim " + d + ": " + first);
            GradCheck.Result second = GradCheck.checkSecondOrder(f, x);
            assertTrue(second.passed(), "dim " + d + " second order: " + second);
        }
    }

    @Test
    void powGradientsAreZeroAtAZeroBaseAsInPyTorch() {
        // issue 22, bug 3: x = [0, 2]; x.pow(0) gave [NaN, 0]
        Tensor x = Tensor.of(new double[] {0, 2}).requiresGrad(true);
        x.pow(0).sum().backward();
        assertArrayEquals(new double[] {0, 0}, x.grad().toDoubleArray(), 0.0);
        // a = [0, 0], b = [2, 0]; a.pow(b) gave grad_a [0, NaN] and grad_b [NaN, -inf]; PyTorch gives zeros
        Tensor a = Tensor.of(new double[] {0, 0}).requiresGrad(true);
        Tensor b = Tensor.of(new double[] {2, 0}).requiresGrad(true);
        a.pow(b).sum().backward();
        assertArrayEquals(new double[] {0, 0}, a.grad().toDoubleArray(), 0.0);
        assertArrayEquals(new double[] {0, 0}, b.grad().toDoubleArray(), 0.0);
        // away from those points the rule is the usual one: d/da a^b = b a^(b-1), d/db a^b = a^b log a
        Tensor a2 = Tensor.of(new double[] {0, 3}).requiresGrad(true);
        Tensor b2 = Tensor.of(new double[] {3, 2}).requiresGrad(true);
        a2.pow(b2).sum().backward();
        assertArrayEquals(new double[] {0, 6}, a2.grad().toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {0, 9 * Math.log(3)}, b2.grad().toDoubleArray(), 1e-12);
    }

    @Test
    void aWrongGradientIsCaught() {
        // a deliberately wrong rule: the gradient of x^2 claimed to be x
        Function<Tensor[], Tensor> wrong = x -> {
            Tensor out;
            try (var ignored = Autograd.noGradScope()) {
                out = x[0].mul(x[0]);
            }
            return Graph.record("wrongSquare", out, new Tensor[] {x[0]}, g -> new Tensor[] {g.mul(x[0])});
        };
        Tensor x = Tensor.of(new double[] {1, 2, 3}).requiresGrad(true);
        assertFalse(GradCheck.check(wrong, x).passed());
        // right first derivative 2x, but written with a detached x: its own derivative is lost
        Function<Tensor[], Tensor> flat = t -> {
            Tensor out;
            try (var ignored = Autograd.noGradScope()) {
                out = t[0].mul(t[0]);
            }
            return Graph.record("flatSquare", out, new Tensor[] {t[0]}, g -> new Tensor[] {g.mul(t[0].detach()).mul(2)});
        };
        assertTrue(GradCheck.check(flat, x).passed());
        assertFalse(GradCheck.checkSecondOrder(flat, x).passed());
        assertThrows(IllegalArgumentException.class,
            () -> GradCheck.check(t -> t[0].exp(), Tensor.zeros(2).requiresGrad(true)));
    }
}
