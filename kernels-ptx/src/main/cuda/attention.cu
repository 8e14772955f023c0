// Fused scaled-dot-product attention, float32, flash-style: keys/values (or queries) stream through
// shared-memory tiles, softmax statistics are kept online, and no [n, n] matrix is ever stored.
// Layout: q [batchHeads, nq, d], k and v [batchHeads, nk, d], out [batchHeads, nq, d], all contiguous; d <= 128.
// Score s_ij = scale * q_i . k_j over the visible keys (attn_visible): an optional 0/1 keep-mask
// [batchHeads, nq, nk] read through element strides (0 broadcasts, as for a key-padding mask), and the causal
// mask, which hides keys j > i + (nk - nq) (aligned at the end, as core's AttentionKernel defines it; with
// nq == nk this is PyTorch's is_causal). The forward pass stores lse_i = log(sum_j exp(s_ij)) per query row for
// the backward pass; a row with no visible key gets zeros and lse = -infinity.
// Launch: blockDim.x = 32 * ATTN_ROWS_PER_BLOCK (one warp per query or key row), grid = (row blocks, batchHeads);
// both grid dimensions are strided over, so capped grids are fine.
#include "nabla_common.cuh"

#define ATTN_MAX_HEAD_DIM 128
#define ATTN_ROWS_PER_BLOCK 8
#define ATTN_TILE 32
#define ATTN_TILE_STRIDE (ATTN_MAX_HEAD_DIM + 1)  // +1 column: lane j reading row j hits bank (j + c) % 32
#define ATTN_PER_LANE (ATTN_MAX_HEAD_DIM / NABLA_WARP_SIZE)

typedef float AttnTile[ATTN_TILE][ATTN_TILE_STRIDE];

// Cooperatively copies rows [0, count) of a [*, d] matrix into a tile; rows >= count become zero.
__device__ void attn_load_tile(AttnTile& tile, const float* src, int count, int d) {
    for (int e = threadIdx.x; e < ATTN_TILE * d; e += blockDim.x) {
        const int r = e / d, c = e % d;
        tile[r][c] = r < count ? src[(long long)r * d + c] : 0.f;
    }
}

// Cooperatively copies `count` consecutive scalars (zero-padded to ATTN_TILE).
__device__ void attn_load_row_values(float* dst, const float* src, int count) {
    for (int r = threadIdx.x; r < ATTN_TILE; r += blockDim.x) dst[r] = r < count ? src[r] : 0.f;
}

// Dot product of a d-vector in shared memory with row `row` of a tile.
__device__ __forceinline__ float attn_dot(const float* vec, const AttnTile& tile, int row, int d) {
    float s = 0.f;
    for (int c = 0; c < d; ++c) s += vec[c] * tile[row][c];
    return s;
}

// Copies one row of length d into this warp's shared vector.
__device__ __forceinline__ void attn_warp_copy_row(float* dst, const float* src, int d) {
    for (int c = nabla_lane(); c < d; c += NABLA_WARP_SIZE) dst[c] = src[c];
}

// acc[t] (column lane + 32 t) += sum over tile rows r < count of weight_r * tile[r][column], where
// weight_r lives in lane r of `weight`.
__device__ __forceinline__ void attn_accumulate(float* acc, float weight, const AttnTile& tile, int count, int d) {
    const int lane = nabla_lane();
    for (int r = 0; r < count; ++r) {
        const float w = __shfl_sync(NABLA_FULL_MASK, weight, r);
#pragma unroll
        for (int t = 0; t < ATTN_PER_LANE; ++t) {
            const int c = lane + t * NABLA_WARP_SIZE;
            if (c < d) acc[t] += w * tile[r][c];
        }
    }
}

__device__ __forceinline__ float attn_warp_max(float v) {
    for (int o = NABLA_WARP_SIZE / 2; o > 0; o >>= 1) v = fmaxf(v, __shfl_xor_sync(NABLA_FULL_MASK, v, o));
    return v;
}

__device__ __forceinline__ void attn_store_row(float* dst, const float* acc, float factor, int d) {
#pragma unroll
    for (int t = 0; t < ATTN_PER_LANE; ++t) {
        const int c = nabla_lane() + t * NABLA_WARP_SIZE;
        if (c < d) dst[c] = acc[t] * factor;
    }
}

__device__ __forceinline__ int attn_warps_per_block() { return min((int)blockDim.x / NABLA_WARP_SIZE, ATTN_ROWS_PER_BLOCK); }

// Which keys a query row may see: the keep-mask (null keeps every key) and the end-aligned causal rule.
struct AttnMask {
    const float* keep;
    int strideB, strideQ, strideK;
    int causal;
    long long causalOffset;  // nk - nq: query i sees keys j <= i + causalOffset

    __device__ __forceinline__ bool visible(long long bh, long long qi, long long kj) const {
        if (causal && kj > qi + causalOffset) return false;
        return keep == nullptr || keep[bh * strideB + qi * strideQ + kj * strideK] != 0.f;
    }

    // One past the last key any of the query rows [first, first + rows) may see.
    __device__ __forceinline__ long long keyEnd(long long first, int rows, int nk) const {
        return causal ? max(0LL, min((long long)nk, first + rows + causalOffset)) : nk;
    }

    // The first query row that may see key `first` (or any later key).
    __device__ __forceinline__ long long queryStart(long long first) const {
        return causal ? max(0LL, first - causalOffset) : 0;
    }
};

extern "C" __global__ void attention_forward_f32(float* out, float* lse, const float* q, const float* k, const float* v,
                                                 const float* keep, int keepStrideB, int keepStrideQ, int keepStrideK,
                                                 int batchHeads, int nq, int nk, int d, float scale, int causal) {
    const AttnMask mask{keep, keepStrideB, keepStrideQ, keepStrideK, causal, (long long)nk - nq};
    __shared__ AttnTile keys, values;
    __shared__ float queries[ATTN_ROWS_PER_BLOCK][ATTN_MAX_HEAD_DIM];
    const int warp = threadIdx.x / NABLA_WARP_SIZE, lane = nabla_lane(), warps = attn_warps_per_block();
    const float negInf = nabla_neg_infinity<float>();
    for (int bh = blockIdx.y; bh < batchHeads; bh += gridDim.y) {
        for (long long first = (long long)blockIdx.x * warps; first < nq; first += (long long)gridDim.x * warps) {
            const long long qi = first + warp;
            const bool active = warp < warps && qi < nq;
            const long long qRow = (long long)bh * nq + qi;
            __syncthreads();  // previous rows are done with `queries`
            if (active) attn_warp_copy_row(queries[warp], q + qRow * d, d);
            float acc[ATTN_PER_LANE] = {};
            float rowMax = negInf, rowSum = 0.f;
            const long long keyEnd = mask.keyEnd(first, warps, nk);
            for (long long k0 = 0; k0 < keyEnd; k0 += ATTN_TILE) {
                const int count = (int)min((long long)ATTN_TILE, nk - k0);
                __syncthreads();
                attn_load_tile(keys, k + ((long long)bh * nk + k0) * d, count, d);
                attn_load_tile(values, v + ((long long)bh * nk + k0) * d, count, d);
                __syncthreads();
                if (!active) continue;
                const long long kj = k0 + lane;
                float s = negInf;
                if (lane < count && mask.visible(bh, qi, kj)) s = scale * attn_dot(queries[warp], keys, lane, d);
                const float newMax = fmaxf(rowMax, attn_warp_max(s));
                const float p = s == negInf ? 0.f : expf(s - newMax);
                const float correction = rowMax == negInf ? 0.f : expf(rowMax - newMax);
                rowSum = rowSum * correction + nabla_warp_sum(p);
#pragma unroll
                for (int t = 0; t < ATTN_PER_LANE; ++t) acc[t] *= correction;
                attn_accumulate(acc, p, values, count, d);
                rowMax = newMax;
            }
            if (active) {
                const bool anyVisible = rowSum > 0.f;  // else acc is all zeros
                attn_store_row(out + qRow * d, acc, anyVisible ? 1.f / rowSum : 0.f, d);
                if (lane == 0) lse[qRow] = anyVisible ? rowMax + logf(rowSum) : negInf;
            }
        }
    }
}

// delta_i = dout_i . out_i, one warp per row of the [rows, d] matrices.
extern "C" __global__ void attention_backward_delta_f32(float* delta, const float* out, const float* dout, int rows, int d) {
    for (long long row = nabla_global_warp(); row < rows; row += nabla_warp_count()) {
        float s = 0.f;
        for (int c = nabla_lane(); c < d; c += NABLA_WARP_SIZE) s += out[row * d + c] * dout[row * d + c];
        s = nabla_warp_sum(s);
        if (nabla_lane() == 0) delta[row] = s;
    }
}

// dq_i = scale * sum_j p_ij (dp_ij - delta_i) k_j with p_ij = exp(s_ij - lse_i), dp_ij = dout_i . v_j.
// One warp per query row; key/value tiles stream through shared memory. Overwrites dq.
extern "C" __global__ void attention_backward_dq_f32(float* dq, const float* q, const float* k, const float* v,
                                                     const float* dout, const float* lse, const float* delta,
                                                     const float* keep, int keepStrideB, int keepStrideQ,
                                                     int keepStrideK, int batchHeads, int nq, int nk, int d, float scale,
                                                     int causal) {
    const AttnMask mask{keep, keepStrideB, keepStrideQ, keepStrideK, causal, (long long)nk - nq};
    __shared__ AttnTile keys, values;
    __shared__ float queries[ATTN_ROWS_PER_BLOCK][ATTN_MAX_HEAD_DIM];
    __shared__ float douts[ATTN_ROWS_PER_BLOCK][ATTN_MAX_HEAD_DIM];
    const int warp = threadIdx.x / NABLA_WARP_SIZE, lane = nabla_lane(), warps = attn_warps_per_block();
    for (int bh = blockIdx.y; bh < batchHeads; bh += gridDim.y) {
        for (long long first = (long long)blockIdx.x * warps; first < nq; first += (long long)gridDim.x * warps) {
            const long long qi = first + warp;
            const bool active = warp < warps && qi < nq;
            const long long qRow = (long long)bh * nq + qi;
            __syncthreads();
            float rowLse = 0.f, rowDelta = 0.f;
            if (active) {
                attn_warp_copy_row(queries[warp], q + qRow * d, d);
                attn_warp_copy_row(douts[warp], dout + qRow * d, d);
                rowLse = lse[qRow];
                rowDelta = delta[qRow];
            }
            float acc[ATTN_PER_LANE] = {};
            const long long keyEnd = mask.keyEnd(first, warps, nk);
            for (long long k0 = 0; k0 < keyEnd; k0 += ATTN_TILE) {
                const int count = (int)min((long long)ATTN_TILE, nk - k0);
                __syncthreads();
                attn_load_tile(keys, k + ((long long)bh * nk + k0) * d, count, d);
                attn_load_tile(values, v + ((long long)bh * nk + k0) * d, count, d);
                __syncthreads();
                if (!active) continue;
                const long long kj = k0 + lane;
                float ds = 0.f;
                if (lane < count && mask.visible(bh, qi, kj)) {  // a visible key means a finite rowLse
                    const float p = expf(scale * attn_dot(queries[warp], keys, lane, d) - rowLse);
                    ds = p * (attn_dot(douts[warp], values, lane, d) - rowDelta);
                }
                attn_accumulate(acc, ds, keys, count, d);
            }
            if (active) attn_store_row(dq + qRow * d, acc, scale, d);
        }
    }
}

// dv_j = sum_i p_ij dout_i and dk_j = scale * sum_i p_ij (dp_ij - delta_i) q_i.
// One warp per key row; query/dout tiles (with their lse and delta) stream through shared memory. Overwrites dk, dv.
extern "C" __global__ void attention_backward_dkdv_f32(float* dk, float* dv, const float* q, const float* k,
                                                       const float* v, const float* dout, const float* lse,
                                                       const float* delta, const float* keep, int keepStrideB,
                                                       int keepStrideQ, int keepStrideK, int batchHeads, int nq, int nk,
                                                       int d, float scale, int causal) {
    const AttnMask mask{keep, keepStrideB, keepStrideQ, keepStrideK, causal, (long long)nk - nq};
    __shared__ AttnTile queries, douts;
    __shared__ float keys[ATTN_ROWS_PER_BLOCK][ATTN_MAX_HEAD_DIM];
    __shared__ float values[ATTN_ROWS_PER_BLOCK][ATTN_MAX_HEAD_DIM];
    __shared__ float tileLse[ATTN_TILE], tileDelta[ATTN_TILE];
    const int warp = threadIdx.x / NABLA_WARP_SIZE, lane = nabla_lane(), warps = attn_warps_per_block();
    for (int bh = blockIdx.y; bh < batchHeads; bh += gridDim.y) {
        for (long long first = (long long)blockIdx.x * warps; first < nk; first += (long long)gridDim.x * warps) {
            const long long kj = first + warp;
            const bool active = warp < warps && kj < nk;
            const long long kRow = (long long)bh * nk + kj;
            __syncthreads();
            if (active) {
                attn_warp_copy_row(keys[warp], k + kRow * d, d);
                attn_warp_copy_row(values[warp], v + kRow * d, d);
            }
            float accK[ATTN_PER_LANE] = {}, accV[ATTN_PER_LANE] = {};
            // Causal: queries before the first that sees the block's first key see none of its keys.
            for (long long q0 = mask.queryStart(first); q0 < nq; q0 += ATTN_TILE) {
                const int count = (int)min((long long)ATTN_TILE, nq - q0);
                const long long tileRow = (long long)bh * nq + q0;
                __syncthreads();
                attn_load_tile(queries, q + tileRow * d, count, d);
                attn_load_tile(douts, dout + tileRow * d, count, d);
                attn_load_row_values(tileLse, lse + tileRow, count);
                attn_load_row_values(tileDelta, delta + tileRow, count);
                __syncthreads();
                if (!active) continue;
                const long long qi = q0 + lane;
                float p = 0.f, ds = 0.f;
                if (lane < count && mask.visible(bh, qi, kj)) {
                    p = expf(scale * attn_dot(keys[warp], queries, lane, d) - tileLse[lane]);
                    ds = p * (attn_dot(values[warp], douts, lane, d) - tileDelta[lane]);
                }
                attn_accumulate(accV, p, douts, count, d);
                attn_accumulate(accK, ds, queries, count, d);
            }
            if (active) {
                attn_store_row(dk + kRow * d, accK, scale, d);
                attn_store_row(dv + kRow * d, accV, 1.f, d);
            }
        }
    }
}
