package dev.nabla.optim;

import dev.nabla.Tensor;
import dev.nabla.nn.Parameter;

/** The test problem f(x) = ½ xᵀAx − bᵀx with a fixed SPD A, in float64, and its gradient Ax − b in plain doubles. */
final class Quadratic {

    static final double[][] A = {{3, 1, 0}, {1, 2, 0.5}, {0, 0.5, 1}};
    static final double[] B = {1, -1, 0.5};
    static final double[] X0 = {0.5, -0.3, 2.0};

    private Quadratic() {
    }

    static Parameter startingPoint() {
        return Parameter.of(Tensor.of(X0.clone(), 3));
    }

    /** Back-propagates f at the parameter's current value into its gradient. */
    static void backward(Parameter x) {
        Tensor a = Tensor.of(A);
        Tensor b = Tensor.of(B, 3);
        Tensor v = x.get();
        v.mul(a.matmul(v)).sum().mul(0.5).sub(b.mul(v).sum()).backward();
    }

    /** ∇f(x) = Ax − b in doubles. */
    static double[] gradient(double[] x) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                g[i] += A[i][j] * x[j];
            }
            g[i] -= B[i];
        }
        return g;
    }
}
