package dev.nabla.ml.linear;

import dev.nabla.Tensor;
import dev.nabla.ml.linalg.HostLinalg;
import dev.nabla.ml.linalg.HostMatrices;
import org.ejml.data.DMatrixRMaj;

/** {@code (XᵀX + αI) w = Xᵀy}: the Gram products on the device, the Cholesky solve on the host. */
final class NormalEquations {

    private NormalEquations() {
    }

    static Tensor solve(String op, Tensor x, Tensor y, double alpha) {
        DMatrixRMaj gram = HostMatrices.toHost(x.t().matmul(x));
        DMatrixRMaj rhs = HostMatrices.toHost(x.t().matmul(y));
        DMatrixRMaj w = HostLinalg.choleskySolve(op, HostLinalg.addToDiagonal(gram, alpha), rhs);
        return HostMatrices.toVector(w, x.dtype(), x.device());
    }
}
