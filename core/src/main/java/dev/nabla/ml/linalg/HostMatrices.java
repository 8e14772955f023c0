package dev.nabla.ml.linalg;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Tensor;
import org.ejml.data.DMatrixRMaj;

/** Conversion between device tensors and EJML host matrices (always float64 on the host). */
public final class HostMatrices {

    private HostMatrices() {
    }

    /** A host copy of a matrix {@code [r, c]} or a vector {@code [r]} (as a column). */
    public static DMatrixRMaj toHost(Tensor t) {
        if (t.rank() == 1) {
            return new DMatrixRMaj(t.size(0), 1, true, t.toDoubleArray());
        }
        if (t.rank() != 2) {
            throw new IllegalArgumentException("HostMatrices.toHost: expected a matrix or vector, got shape " + t.shape());
        }
        return new DMatrixRMaj(t.size(0), t.size(1), true, t.toDoubleArray());
    }

    /** A device matrix {@code [rows, cols]} holding {@code m}. */
    public static Tensor toTensor(DMatrixRMaj m, DType dtype, Device device) {
        return Tensor.of(m.getData().clone(), m.getNumRows(), m.getNumCols()).to(device).to(dtype);
    }

    /** A device vector holding a host column or row vector. */
    public static Tensor toVector(DMatrixRMaj m, DType dtype, Device device) {
        return Tensor.of(m.getData().clone(), m.getNumElements()).to(device).to(dtype);
    }
}
