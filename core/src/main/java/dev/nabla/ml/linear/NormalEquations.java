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
        CenteredData.Moments m = c.moments();
        DMatrixRMaj gram = HostMatrices.toHost(m.gram());
        DMatrixRMaj rhs = HostMatrices.toHost(m.cross());
        DMatrixRMaj u = HostLinalg.choleskySolve(op, HostLinalg.addToDiagonal(gram, m.scaledPenalty(alpha)), rhs);
        return m.unscale(HostMatrices.toVector(u, c.x().dtype(), c.x().device()));
    }
}
