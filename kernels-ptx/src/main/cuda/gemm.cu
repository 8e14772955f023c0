// Tiled GEMM fallback for machines without cuBLAS, row-major, batched:
//   C[b] = alpha * op(A[b]) * op(B[b]) + beta * C[b],  op(A) is [M, K], op(B) is [K, N], C is [M, N]
// Element (r, c) of a row-major matrix with leading dimension ld is at r * ld + c; transA = 1 means A is
// stored as [K, M] (op(A) = A^T), likewise transB. Batch b uses A + b * strideA etc. (stride 0 broadcasts).
// beta == 0 never reads C (C may hold garbage or NaN).
// Launch: blockDim.x = GEMM_THREADS, grid = (ceil(N / GEMM_TILE), ceil(M / GEMM_TILE), batch); all three
// grid dimensions are strided over.
#include "nabla_common.cuh"

#define GEMM_TILE 64
#define GEMM_TILE_K 16
#define GEMM_THREADS 256
#define GEMM_THREADS_PER_SIDE 16  // 16 x 16 threads, each computes GEMM_MICRO x GEMM_MICRO outputs
#define GEMM_MICRO (GEMM_TILE / GEMM_THREADS_PER_SIDE)

// Element (r, k) of op(A) where op(A) is [rows, depth]; zero outside.
template <typename T>
__device__ __forceinline__ T gemm_load(const T* a, int trans, int ld, long long r, long long k, int rows, int depth) {
    if (r >= rows || k >= depth) return T(0);
    return trans ? a[k * ld + r] : a[r * ld + k];
}

template <typename T>
__device__ void gemm(T* C, const T* A, const T* B, int M, int N, int K, int transA, int transB, int lda, int ldb, int ldc,
                     T alpha, T beta, int batch, int strideA, int strideB, int strideC) {
    __shared__ T tileA[GEMM_TILE_K][GEMM_TILE];  // tileA[k][m]
    __shared__ T tileB[GEMM_TILE_K][GEMM_TILE];  // tileB[k][n]
    const int tx = threadIdx.x % GEMM_THREADS_PER_SIDE, ty = threadIdx.x / GEMM_THREADS_PER_SIDE;
    for (long long b = blockIdx.z; b < batch; b += gridDim.z) {
        const T* a = A + b * strideA;
        const T* bm = B + b * strideB;
        T* c = C + b * strideC;
        for (long long m0 = (long long)blockIdx.y * GEMM_TILE; m0 < M; m0 += (long long)gridDim.y * GEMM_TILE) {
            for (long long n0 = (long long)blockIdx.x * GEMM_TILE; n0 < N; n0 += (long long)gridDim.x * GEMM_TILE) {
                T acc[GEMM_MICRO][GEMM_MICRO] = {};
                for (int k0 = 0; k0 < K; k0 += GEMM_TILE_K) {
                    __syncthreads();  // the previous tile has been consumed
                    // Thread e loads element e of each tile; the fast index follows the stored layout so
                    // that neighbouring threads read neighbouring addresses.
                    for (int e = threadIdx.x; e < GEMM_TILE * GEMM_TILE_K; e += blockDim.x) {
                        const int mA = transA ? e % GEMM_TILE : e / GEMM_TILE_K;
                        const int kA = transA ? e / GEMM_TILE : e % GEMM_TILE_K;
                        tileA[kA][mA] = gemm_load(a, transA, lda, m0 + mA, (long long)k0 + kA, M, K);
                        const int nB = transB ? e / GEMM_TILE_K : e % GEMM_TILE;
                        const int kB = transB ? e % GEMM_TILE_K : e / GEMM_TILE;
                        tileB[kB][nB] = gemm_load(bm, !transB, ldb, n0 + nB, (long long)k0 + kB, N, K);
                    }
                    __syncthreads();
                    if (threadIdx.x < GEMM_THREADS) {
#pragma unroll
                        for (int k = 0; k < GEMM_TILE_K; ++k) {
                            T av[GEMM_MICRO], bv[GEMM_MICRO];
#pragma unroll
                            for (int i = 0; i < GEMM_MICRO; ++i) av[i] = tileA[k][ty + i * GEMM_THREADS_PER_SIDE];
#pragma unroll
                            for (int j = 0; j < GEMM_MICRO; ++j) bv[j] = tileB[k][tx + j * GEMM_THREADS_PER_SIDE];
#pragma unroll
                            for (int i = 0; i < GEMM_MICRO; ++i)
#pragma unroll
                                for (int j = 0; j < GEMM_MICRO; ++j) acc[i][j] += av[i] * bv[j];
                        }
                    }
                }
                if (threadIdx.x >= GEMM_THREADS) continue;
#pragma unroll
                for (int i = 0; i < GEMM_MICRO; ++i) {
                    const long long r = m0 + ty + i * GEMM_THREADS_PER_SIDE;
#pragma unroll
                    for (int j = 0; j < GEMM_MICRO; ++j) {
                        const long long col = n0 + tx + j * GEMM_THREADS_PER_SIDE;
                        if (r < M && col < N) {
                            T* out = c + r * ldc + col;
                            *out = beta == T(0) ? alpha * acc[i][j] : alpha * acc[i][j] + beta * *out;
                        }
                    }
                }
            }
        }
    }
}

#define GEMM_KERNELS(T, S)                                                                                         \
    extern "C" __global__ void gemm_##S(T* C, const T* A, const T* B, int M, int N, int K, int transA, int transB,  \
                                        int lda, int ldb, int ldc, T alpha, T beta, int batch, int strideA,          \
                                        int strideB, int strideC) {                                                \
        gemm(C, A, B, M, N, K, transA, transB, lda, ldb, ldc, alpha, beta, batch, strideA, strideB, strideC);      \
    }

NABLA_FOR_FLOAT_TYPES(GEMM_KERNELS)
