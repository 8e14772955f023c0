package dev.nabla.ml.optim;

import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.ml.Inputs;
import dev.nabla.ml.linalg.HostLinalg;
import dev.nabla.ml.linalg.HostMatrices;
import org.ejml.data.DMatrixRMaj;

/**
 * Damped Newton's method for smooth convex objectives. Hessian-vector products come from
 * autograd (differentiate the gradient, built with {@code createGraph}, once more). Up to
 * {@code explicitHessianLimit} parameters the Hessian is assembled from {@code d} such products and
 * solved by Cholesky on the host; beyond that the Newton system is solved by conjugate gradients.
 *
 * @param maxIterations iteration limit
 * @param tolerance stop when the gradient norm falls below this
 * @param explicitHessianLimit largest dimension for which the Hessian is formed explicitly
 */
public record Newton(int maxIterations, double tolerance, int explicitHessianLimit) implements FiniteSumSolver {

    /** Validates the settings. */
    public Newton {
        Inputs.requirePositive("Newton", "maxIterations", maxIterations);
        Inputs.requirePositive("Newton", "tolerance", tolerance);
        Inputs.requireNonNegative("Newton", "explicitHessianLimit", explicitHessianLimit);
    }

    /** 100 iterations, tolerance 1e-10, explicit Hessian up to 200 parameters. */
    public static Newton defaults() {
        return new Newton(100, 1e-10, 200);
    }

    @Override
    public SolverResult minimize(FiniteSumObjective objective, Tensor initial) {
        Tensor w = initial.detach();
        for (int it = 0; it < maxIterations; it++) {
            Tensor leaf = w.detach().requiresGrad(true);
            Tensor step;
            double value;
            Tensor gradient;
            try (var ignored = Autograd.enableGrad()) {
                Tensor loss = objective.loss(leaf);
                value = loss.item();
                Tensor g = Autograd.grad(new Tensor[] {loss}, null, new Tensor[] {leaf}, true, true)[0];
                gradient = g.detach();
                if (Gradients.norm(gradient) < tolerance) {
                    return new SolverResult(w, value, it, true);
                }
                HessianProduct hvp = v -> Autograd.grad(new Tensor[] {g}, new Tensor[] {v}, new Tensor[] {leaf}, true,
                        false)[0].detach();
                step = w.numel() <= explicitHessianLimit ? explicitSolve(hvp, gradient) : conjugateGradient(hvp, gradient);
            }
            LineSearch.Step s = LineSearch.backtrack(objective, w, value, gradient, step, 1);
            if (s.step() == 0) {
                return new SolverResult(w, value, it, false);
            }
            w = s.point();
        }
        return new SolverResult(w, Gradients.loss(objective, w), maxIterations,
                Gradients.gradientNorm(objective, w) < tolerance);
    }

    /** A Hessian-vector product at the current point. */
    @FunctionalInterface
    private interface HessianProduct {
        Tensor apply(Tensor v);
    }

    /** {@code -H⁻¹ g} with H assembled column by column; a singular H is damped until Cholesky succeeds. */
    private static Tensor explicitSolve(HessianProduct hvp, Tensor g) {
        int d = g.numel();
        DMatrixRMaj h = new DMatrixRMaj(d, d);
        for (int j = 0; j < d; j++) {
            double[] col = hvp.apply(unit(g, j)).toDoubleArray();
            for (int i = 0; i < d; i++) {
                h.set(i, j, col[i]);
            }
        }
        DMatrixRMaj sym = h.copy();
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                sym.set(i, j, 0.5 * (h.get(i, j) + h.get(j, i)));
            }
        }
        DMatrixRMaj rhs = HostMatrices.toHost(g.neg());
        double scale = 0;
        for (int i = 0; i < d; i++) {
            scale = Math.max(scale, Math.abs(sym.get(i, i)));
        }
        for (double damping = 0; ; damping = damping == 0 ? 1e-10 * Math.max(scale, 1) : damping * 10) {
            try {
                DMatrixRMaj x = HostLinalg.choleskySolve("Newton", HostLinalg.addToDiagonal(sym, damping), rhs);
                return HostMatrices.toVector(x, g.dtype(), g.device());
            } catch (IllegalArgumentException notPositiveDefinite) {
                if (damping > 1e6 * Math.max(scale, 1)) {
                    throw notPositiveDefinite;
                }
            }
        }
    }

    private static Tensor unit(Tensor like, int j) {
        double[] e = new double[like.numel()];
        e[j] = 1;
        return Tensor.of(e, e.length).to(like.device()).to(like.dtype());
    }

    /** {@code -H⁻¹ g} by conjugate gradients, stopped at a relative residual of 1e-10 or 2d steps. */
    private static Tensor conjugateGradient(HessianProduct hvp, Tensor g) {
        Tensor x = Tensor.zerosLike(g);
        Tensor r = g.neg();
        Tensor p = r;
        double rr = Gradients.dot(r, r);
        double stop = 1e-20 * rr;
        for (int k = 0; k < 2 * g.numel() && rr > stop; k++) {
            Tensor hp = hvp.apply(p);
            double curvature = Gradients.dot(p, hp);
            if (curvature <= 0) {
                break;
            }
            double a = rr / curvature;
            x = x.add(p.mul(a));
            r = r.sub(hp.mul(a));
            double next = Gradients.dot(r, r);
            p = r.add(p.mul(next / rr));
            rr = next;
        }
        return Gradients.norm(x) == 0 ? g.neg() : x;
    }
}
