package dev.nabla.backend.fast;

import dev.nabla.backend.Backend;
import dev.nabla.backend.Strided;

/** Fast path for (batched) matrix multiplication. */
public interface MatmulKernel extends FastPath {

    /**
     * {@code out[b] = a[b] · bm[b]} for every batch index.
     *
     * @param a {@code [B..., M, K]}, any strides (batch dims may be broadcast with stride 0)
     * @param b {@code [B..., K, N]}, any strides
     * @param out {@code [B..., M, N]}, contiguous, same dtype as a and b (FLOAT32 or FLOAT64)
     */
    void matmul(Strided a, Strided b, Strided out);

    /**
     * The backend's matmul fast path, else the reference product on its primitives.
     *
     * @param backend the backend the operands live on
     * @return a kernel computing on that backend
     */
    static MatmulKernel of(Backend backend) {
        return backend.fastPath(MatmulKernel.class)
                .orElseGet(() -> (a, b, out) -> ReferenceKernels.matmul(backend, a, b, out));
    }
}
