package dev.nabla.backend.fast;

import dev.nabla.backend.Backend;
import dev.nabla.backend.Strided;

/**
 * Fast path for stable sorting along one axis. It yields the permutation only: core picks the sorted
 * values with a gather, which also carries their gradient. Without it, core runs
 * {@link ReferenceKernels#argsort}, which sorts on the host (one download and one upload).
 */
public interface SortKernel extends FastPath {

    /**
     * Writes into {@code out} the positions along {@code axis} that order each line of {@code x}: ascending
     * or descending, NaN counted greater than every number (last ascending, first descending), {@code -0.0}
     * equal to {@code 0.0}, and equal keys in their original order (stable), as PyTorch's
     * {@code sort(stable=True)}.
     *
     * @param x the keys, any strides, FLOAT32, FLOAT64 or INT64
     * @param axis the sorted dimension
     * @param descending largest first
     * @param out INT64 of x's shape
     */
    void argsort(Strided x, int axis, boolean descending, Strided out);

    /**
     * The backend's sort fast path, else the reference sort through the host.
     *
     * @param backend the backend the operands live on
     * @return a kernel computing on that backend
     */
    static SortKernel of(Backend backend) {
        return backend.fastPath(SortKernel.class).orElseGet(
                () -> (x, axis, descending, out) -> ReferenceKernels.argsort(backend, x, axis, descending, out));
    }
}
