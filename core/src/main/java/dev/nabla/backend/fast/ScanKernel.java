package dev.nabla.backend.fast;

import dev.nabla.backend.Backend;
import dev.nabla.backend.Strided;

/**
 * Fast path for inclusive scans along one axis: running sums and products. Without it, core runs
 * {@link ReferenceKernels#scan}, a Hillis–Steele scan of {@code ⌈log2 n⌉} shifted elementwise passes,
 * which keeps the work on the backend's device.
 */
public interface ScanKernel extends FastPath {

    /**
     * {@code out[..., i, ...] = x[..., 0, ...] ∘ ... ∘ x[..., i, ...]} along {@code axis}, or, when
     * {@code reverse}, {@code x[..., i, ...] ∘ ... ∘ x[..., n-1, ...]}.
     *
     * @param op the combination
     * @param x the input, any strides, FLOAT32, FLOAT64 or INT64
     * @param axis the scanned dimension
     * @param reverse scan from the end
     * @param out x's shape and dtype, not overlapping x
     */
    void scan(ScanOp op, Strided x, int axis, boolean reverse, Strided out);

    /**
     * The backend's scan fast path, else the reference scan on its primitives.
     *
     * @param backend the backend the operands live on
     * @return a kernel computing on that backend
     */
    static ScanKernel of(Backend backend) {
        return backend.fastPath(ScanKernel.class).orElseGet(
                () -> (op, x, axis, reverse, out) -> ReferenceKernels.scan(backend, op, x, axis, reverse, out));
    }
}
