package dev.nabla.ml.linear;

import dev.nabla.Tensor;
import dev.nabla.ml.linalg.HostLinalg;
import dev.nabla.ml.linalg.HostMatrices;
import org.ejml.data.DMatrixRMaj;

/** {@code (XcᵀXc + αI) w = Xcᵀyc}: the centred Gram products on the device, the Cholesky solve on the host. */
final class NormalEquations {

    private NormalEquations() {
    }

    static Tensor solve(String op, CenteredData c, double alpha) {
        Tensor[] products = c.products();
        DMatrixRMaj gram = HostMatrices.toHost(products[0]);
        DMatrixRMaj rhs = HostMatrices.toHost(products[1]);
        DMatrixRMaj u = HostLinalg.choleskySolve(op, HostLinalg.addToDiagonal(gram, c.scaledPenalty(alpha)), rhs);
        return c.unscale(HostMatrices.toVector(u, c.x().dtype(), c.x().device()));
    }
}
