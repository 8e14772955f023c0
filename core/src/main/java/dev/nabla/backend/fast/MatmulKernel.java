package dev.nabla.backend.fast;

import dev.nabla.backend.Strided;

/** Fast path for (batched) matrix multiplication. */
public interface MatmulKernel {

    /**
     * {@code out[b] = a[b] · bm[b]} for every batch index.
     *
     * @param a {@code [B..., M, K]}, any strides (batch dims may be broadcast with stride 0)
     * @param b {@code [B..., K, N]}, any strides
     * @param out {@code [B..., M, N]}, contiguous, same dtype as a and b (FLOAT32 or FLOAT64)
     */
    void matmul(Strided a, Strided b, Strided out);
}
