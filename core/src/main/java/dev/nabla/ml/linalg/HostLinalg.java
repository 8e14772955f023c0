package dev.nabla.ml.linalg;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.ejml.interfaces.linsol.LinearSolverDense;

/** Host-side dense decompositions (Cholesky, QR, symmetric eigen, SVD) in float64, via EJML. */
public final class HostLinalg {

    private HostLinalg() {
    }

    /**
     * Solves {@code A X = B} for symmetric positive definite {@code A} by Cholesky factorisation.
     *
     * @throws IllegalArgumentException when {@code A} is not positive definite (e.g. collinear features)
     */
    public static DMatrixRMaj choleskySolve(String op, DMatrixRMaj a, DMatrixRMaj b) {
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.chol(a.getNumRows());
        if (!solver.setA(a.copy())) {
            throw new IllegalArgumentException(op + ": the " + a.getNumRows() + "x" + a.getNumCols()
                    + " system matrix is not positive definite (collinear or constant features?)");
        }
        DMatrixRMaj x = new DMatrixRMaj(a.getNumCols(), b.getNumCols());
        solver.solve(b.copy(), x);
        return x;
    }

    /**
     * Least-squares solution of {@code A x ≈ b} by Householder QR (no normal equations). {@code A} counts
     * as rank deficient when a diagonal entry of R is at most {@code max|R_ii| · max(m, n) · eps}, NumPy's
     * {@code matrix_rank} rule, which scales with the matrix instead of shrinking with the column count.
     */
    public static DMatrixRMaj qrLeastSquares(String op, DMatrixRMaj a, DMatrixRMaj b) {
        int m = a.getNumRows();
        int n = a.getNumCols();
        if (b.getNumCols() != 1 || b.getNumRows() != m) {
            throw new IllegalArgumentException(op + ": QR least squares needs one right-hand side of " + m
                    + " rows, got " + b.getNumRows() + "x" + b.getNumCols());
        }
        if (m < n) {
            throw new IllegalArgumentException(op + ": QR least squares needs at least as many rows as columns, got "
                    + m + "x" + n);
        }
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(m, n);
        if (!qr.decompose(a.copy())) {
            throw new IllegalArgumentException(op + ": QR decomposition of the " + m + "x" + n + " matrix failed");
        }
        DMatrixRMaj r = qr.getR(null, true);
        double largest = 0;
        for (int i = 0; i < n; i++) {
            largest = Math.max(largest, Math.abs(r.get(i, i)));
        }
        double threshold = largest * Math.max(m, n) * Math.ulp(1.0);
        for (int i = 0; i < n; i++) {
            if (!(Math.abs(r.get(i, i)) > threshold)) {
                throw new IllegalArgumentException(op + ": the " + m + "x" + n + " design matrix is rank deficient: |R["
                        + i + "," + i + "]| = " + Math.abs(r.get(i, i)) + " <= max|R_ii|·max(m, n)·eps = " + threshold
                        + " (collinear or constant features?)");
            }
        }
        DMatrixRMaj qtb = new DMatrixRMaj(n, b.getNumCols());
        CommonOps_DDRM.multTransA(qr.getQ(null, true), b, qtb);
        TriangularSolver_DDRM.solveU(r.data, qtb.data, n);
        return qtb;
    }

    /** The lower Cholesky factor {@code L} of a symmetric positive definite {@code A = L Lᵀ}. */
    public static DMatrixRMaj choleskyLower(String op, DMatrixRMaj a) {
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(a.getNumRows(), true);
        if (!chol.decompose(a.copy())) {
            throw new IllegalArgumentException(op + ": the " + a.getNumRows() + "x" + a.getNumCols()
                    + " matrix is not positive definite");
        }
        return chol.getT(null);
    }

    /** The inverse of a lower-triangular matrix (used to whiten by a Cholesky factor). */
    public static DMatrixRMaj lowerInverse(DMatrixRMaj lower) {
        DMatrixRMaj inv = lower.copy();
        TriangularSolver_DDRM.invertLower(inv.data, inv.getNumRows());
        // invertLower leaves the strict upper triangle untouched; it must be zero
        for (int i = 0; i < inv.getNumRows(); i++) {
            for (int j = i + 1; j < inv.getNumCols(); j++) {
                inv.set(i, j, 0);
            }
        }
        return inv;
    }

    /**
     * Eigen-decomposition of a symmetric matrix, eigenvalues descending.
     *
     * @return the eigenvalues and the matching unit eigenvectors as the columns of a matrix
     */
    public static Eigen symmetricEigen(String op, DMatrixRMaj a) {
        int n = a.getNumRows();
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(a.copy())) {
            throw new IllegalArgumentException(op + ": eigen-decomposition of the " + n + "x" + n + " matrix failed");
        }
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> -eig.getEigenvalue(i).getReal()));
        double[] values = new double[n];
        DMatrixRMaj vectors = new DMatrixRMaj(n, n);
        for (int c = 0; c < n; c++) {
            values[c] = eig.getEigenvalue(order[c]).getReal();
            DMatrixRMaj v = eig.getEigenVector(order[c]);
            for (int r = 0; r < n; r++) {
                vectors.set(r, c, v.get(r));
            }
        }
        return new Eigen(values, vectors);
    }

    /**
     * Thin SVD {@code A = U diag(s) Vᵀ}, singular values descending.
     *
     * @return the singular values and the right singular vectors as the columns of {@code V}
     */
    public static Eigen rightSingular(String op, DMatrixRMaj a) {
        SingularValueDecomposition_F64<DMatrixRMaj> svd =
                DecompositionFactory_DDRM.svd(a.getNumRows(), a.getNumCols(), false, true, true);
        if (!svd.decompose(a.copy())) {
            throw new IllegalArgumentException(op + ": SVD of the " + a.getNumRows() + "x" + a.getNumCols()
                    + " matrix failed");
        }
        double[] s = svd.getSingularValues();
        DMatrixRMaj vt = svd.getV(null, true);
        int k = Math.min(s.length, vt.getNumRows());
        Integer[] order = IntStream.range(0, k).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> -s[i]));
        double[] values = new double[k];
        DMatrixRMaj v = new DMatrixRMaj(vt.getNumCols(), k);
        for (int c = 0; c < k; c++) {
            values[c] = s[order[c]];
            for (int r = 0; r < vt.getNumCols(); r++) {
                v.set(r, c, vt.get(order[c], r));
            }
        }
        return new Eigen(values, v);
    }

    /** {@code A + value·I} as a new matrix. */
    public static DMatrixRMaj addToDiagonal(DMatrixRMaj a, double value) {
        DMatrixRMaj out = a.copy();
        for (int i = 0; i < Math.min(out.getNumRows(), out.getNumCols()); i++) {
            out.add(i, i, value);
        }
        return out;
    }

    /** The log-determinant of {@code L Lᵀ} from its Cholesky factor {@code L}. */
    public static double logDetFromCholesky(DMatrixRMaj lower) {
        double sum = 0;
        for (int i = 0; i < lower.getNumRows(); i++) {
            sum += Math.log(lower.get(i, i));
        }
        return 2 * sum;
    }

    /** The transpose, as a new matrix. */
    public static DMatrixRMaj transpose(DMatrixRMaj a) {
        return CommonOps_DDRM.transpose(a, null);
    }

    /**
     * Eigenvalues (or singular values) and vectors as matrix columns, in descending order.
     *
     * @param values the values, descending
     * @param vectors the vectors, column {@code c} belongs to {@code values[c]}
     */
    public record Eigen(double[] values, DMatrixRMaj vectors) {
    }
}
