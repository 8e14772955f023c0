package dev.nabla.kernels;

/**
 * Grid and block dimensions (and dynamic shared memory, always 0 for these kernels) for launching the Nabla
 * kernels with {@code cuLaunchKernel}. Every kernel loops grid-stride over its work, so the grids computed
 * here may be capped without losing correctness. Sizes must be positive: launch nothing for empty tensors.
 *
 * @param gridX              grid size in x
 * @param gridY              grid size in y
 * @param gridZ              grid size in z
 * @param blockX             threads per block (x); the kernels use 1-D blocks
 * @param sharedMemoryBytes dynamic shared memory per block
 */
public record LaunchGeometry(int gridX, int gridY, int gridZ, int blockX, int sharedMemoryBytes) {

    /** Threads per warp. */
    public static final int WARP_SIZE = 32;
    /** Threads per block of the 1-D elementwise and per-thread kernels. */
    public static final int ELEMENTWISE_BLOCK = 256;
    /** Cap on grid x: enough blocks to fill any current GPU; kernels stride over the rest. */
    public static final int MAX_GRID_X = 1 << 16;
    /** Cap on grid y and z (the hardware limit). */
    public static final int MAX_GRID_YZ = 65_535;
    /** Largest block of the block-per-row kernels. */
    public static final int MAX_ROW_BLOCK = 512;
    /** Query (or key) rows per attention block, one warp each ({@code ATTN_ROWS_PER_BLOCK}). */
    public static final int ATTENTION_ROWS_PER_BLOCK = 8;
    /** Largest head dimension of the attention kernels ({@code ATTN_MAX_HEAD_DIM}). */
    public static final int ATTENTION_MAX_HEAD_DIM = 128;
    /** Output tile edge of the GEMM kernel ({@code GEMM_TILE}). */
    public static final int GEMM_TILE = 64;
    /** Exact block size of the GEMM kernel ({@code GEMM_THREADS}). */
    public static final int GEMM_THREADS = 256;
    /** Row phases (warps) per block of {@code layernorm_backward_params} ({@code LAYERNORM_PARAM_SLAB_ROWS}). */
    public static final int LAYERNORM_PARAM_WARPS = 8;

    /** Checks the dimensions against the hardware limits. */
    public LaunchGeometry {
        if (gridX < 1 || gridY < 1 || gridZ < 1 || gridY > MAX_GRID_YZ || gridZ > MAX_GRID_YZ) {
            throw new IllegalArgumentException("LaunchGeometry: grid (" + gridX + ", " + gridY + ", " + gridZ
                    + ") outside 1..2^31-1 x 1..65535 x 1..65535");
        }
        if (blockX < 1 || blockX > 1024 || sharedMemoryBytes < 0) {
            throw new IllegalArgumentException("LaunchGeometry: block " + blockX + " outside 1..1024 or negative shared memory "
                    + sharedMemoryBytes);
        }
    }

    /** @return block dimension y (always 1) */
    public int blockY() {
        return 1;
    }

    /** @return block dimension z (always 1) */
    public int blockZ() {
        return 1;
    }

    /**
     * One thread per element: {@code ew_*}, {@code cross_entropy_backward_*}, {@code index_*}, {@code adam_*},
     * {@code im2col_*}, {@code col2im_*}, pooling, {@code random_*} and {@code reduce_*}/{@code argreduce_*} with inner &gt; 1.
     *
     * @param n number of elements (the kernel's work items)
     * @return the geometry
     * @throws IllegalArgumentException if n is not in 1..Integer.MAX_VALUE
     */
    public static LaunchGeometry elementwise(long n) {
        requireRange("elementwise", "n", n, Integer.MAX_VALUE);
        return new LaunchGeometry(cappedBlocks(n, ELEMENTWISE_BLOCK, MAX_GRID_X), 1, 1, ELEMENTWISE_BLOCK, 0);
    }

    /**
     * One warp per row: {@code attention_backward_delta_f32}.
     *
     * @param rows number of rows
     * @return the geometry
     * @throws IllegalArgumentException if rows is not in 1..Integer.MAX_VALUE
     */
    public static LaunchGeometry warpPerRow(long rows) {
        requireRange("warpPerRow", "rows", rows, Integer.MAX_VALUE);
        int warpsPerBlock = ELEMENTWISE_BLOCK / WARP_SIZE;
        return new LaunchGeometry(cappedBlocks(rows, warpsPerBlock, MAX_GRID_X), 1, 1, ELEMENTWISE_BLOCK, 0);
    }

    /**
     * {@code reduce_*} and {@code argreduce_*} over a tensor viewed as [outer, reduce, inner]: one warp per output
     * when inner is 1, else one thread per output.
     *
     * @param outer  product of the dimensions before the axis
     * @param reduce length of the reduced axis (0 allowed: the result is the reduction's identity)
     * @param inner  product of the dimensions after the axis
     * @return the geometry
     * @throws IllegalArgumentException if outer or inner is below 1, reduce is negative, or the tensor has more than
     *                                  Integer.MAX_VALUE elements
     */
    public static LaunchGeometry reduction(long outer, long reduce, long inner) {
        requireRange("reduction", "outer", outer, Integer.MAX_VALUE);
        requireRange("reduction", "inner", inner, Integer.MAX_VALUE);
        if (reduce < 0 || saturatingProduct(outer, Math.max(reduce, 1), inner) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("reduction: view [" + outer + ", " + reduce + ", " + inner
                    + "] has a negative axis or more than Integer.MAX_VALUE elements");
        }
        return inner == 1 ? warpPerRow(outer) : elementwise(outer * inner);
    }

    /**
     * One block per row of a [rows, cols] matrix: {@code softmax_*}, {@code cross_entropy_forward_*}, {@code bias_grad_f32},
     * {@code layernorm_forward_*}, {@code layernorm_backward_input_*}. The block is the smallest power of two
     * covering the row, between 32 and {@link #MAX_ROW_BLOCK}.
     *
     * @param rows number of rows
     * @param cols row length
     * @return the geometry
     * @throws IllegalArgumentException if rows or cols is not positive, or rows * cols exceeds Integer.MAX_VALUE
     */
    public static LaunchGeometry blockPerRow(long rows, long cols) {
        requireRange("blockPerRow", "rows", rows, Integer.MAX_VALUE);
        requireRange("blockPerRow", "cols", cols, Integer.MAX_VALUE);
        requireRange("blockPerRow", "rows * cols", saturatingProduct(rows, cols), Integer.MAX_VALUE);
        int block = (int) Math.min(MAX_ROW_BLOCK, Math.max(WARP_SIZE, Long.highestOneBit(cols - 1) << 1));
        return new LaunchGeometry((int) Math.min(rows, MAX_GRID_X), 1, 1, block, 0);
    }

    /**
     * {@code layernorm_backward_params_*}: one block per 32-column slab, {@link #LAYERNORM_PARAM_WARPS} warps per block.
     *
     * @param cols row length (number of parameters)
     * @return the geometry
     * @throws IllegalArgumentException if cols is not in 1..Integer.MAX_VALUE
     */
    public static LaunchGeometry columnSlabs(long cols) {
        requireRange("columnSlabs", "cols", cols, Integer.MAX_VALUE);
        return new LaunchGeometry(cappedBlocks(cols, WARP_SIZE, MAX_GRID_X), 1, 1, WARP_SIZE * LAYERNORM_PARAM_WARPS, 0);
    }

    /**
     * Attention kernels that give each query row a warp: {@code attention_forward_f32} and
     * {@code attention_backward_dq_f32}. Grid (ceil(nq / 8), batchHeads).
     *
     * @param batchHeads batch size times heads
     * @param nq         query rows per head
     * @param nk         key rows per head
     * @param headDim    head dimension d
     * @return the geometry
     * @throws IllegalArgumentException if a size is not positive or headDim exceeds 128
     */
    public static LaunchGeometry attentionQueryRows(long batchHeads, long nq, long nk, int headDim) {
        requireAttention("attentionQueryRows", batchHeads, nq, nk, headDim);
        return attentionGrid(batchHeads, nq);
    }

    /**
     * {@code attention_backward_dkdv_f32}, which gives each key row a warp. Grid (ceil(nk / 8), batchHeads).
     *
     * @param batchHeads batch size times heads
     * @param nq         query rows per head
     * @param nk         key rows per head
     * @param headDim    head dimension d
     * @return the geometry
     * @throws IllegalArgumentException if a size is not positive or headDim exceeds 128
     */
    public static LaunchGeometry attentionKeyRows(long batchHeads, long nq, long nk, int headDim) {
        requireAttention("attentionKeyRows", batchHeads, nq, nk, headDim);
        return attentionGrid(batchHeads, nk);
    }

    /**
     * {@code gemm_*}: one 64 x 64 output tile per block of exactly {@link #GEMM_THREADS} threads.
     * Grid (ceil(n / 64), ceil(m / 64), batch), y and z capped at 65535.
     *
     * @param m     rows of C
     * @param n     columns of C
     * @param batch number of matrices
     * @return the geometry
     * @throws IllegalArgumentException if a size is not in 1..Integer.MAX_VALUE
     */
    public static LaunchGeometry gemm(long m, long n, long batch) {
        requireRange("gemm", "m", m, Integer.MAX_VALUE);
        requireRange("gemm", "n", n, Integer.MAX_VALUE);
        requireRange("gemm", "batch", batch, Integer.MAX_VALUE);
        return new LaunchGeometry(cappedBlocks(n, GEMM_TILE, MAX_GRID_X), cappedBlocks(m, GEMM_TILE, MAX_GRID_YZ),
                (int) Math.min(batch, MAX_GRID_YZ), GEMM_THREADS, 0);
    }

    /**
     * Output length of a convolution (or pooling, with dilation 1) along one axis, as {@code im2col_*} and the
     * pooling kernels compute it: {@code (in + 2 padding - dilation (kernel - 1) - 1) / stride + 1}.
     *
     * @param in       input length
     * @param kernel   kernel length
     * @param stride   stride
     * @param padding  zero padding on each side
     * @param dilation dilation
     * @return the output length
     * @throws IllegalArgumentException if a parameter is out of range or the output would be empty
     */
    public static int convOutputSize(int in, int kernel, int stride, int padding, int dilation) {
        if (in < 1 || kernel < 1 || stride < 1 || padding < 0 || dilation < 1) {
            throw new IllegalArgumentException("convOutputSize: need in, kernel, stride, dilation >= 1 and padding >= 0, got in="
                    + in + " kernel=" + kernel + " stride=" + stride + " padding=" + padding + " dilation=" + dilation);
        }
        long span = (long) dilation * (kernel - 1) + 1;
        long padded = in + 2L * padding;
        if (span > padded) {
            throw new IllegalArgumentException("convOutputSize: kernel span " + span + " exceeds padded input " + padded);
        }
        return (int) ((padded - span) / stride + 1);
    }

    private static LaunchGeometry attentionGrid(long batchHeads, long rows) {
        return new LaunchGeometry(cappedBlocks(rows, ATTENTION_ROWS_PER_BLOCK, MAX_GRID_X),
                (int) Math.min(batchHeads, MAX_GRID_YZ), 1, ATTENTION_ROWS_PER_BLOCK * WARP_SIZE, 0);
    }

    private static void requireAttention(String op, long batchHeads, long nq, long nk, int headDim) {
        requireRange(op, "batchHeads", batchHeads, Integer.MAX_VALUE);
        requireRange(op, "nq", nq, Integer.MAX_VALUE);
        requireRange(op, "nk", nk, Integer.MAX_VALUE);
        requireRange(op, "headDim", headDim, ATTENTION_MAX_HEAD_DIM);
        requireRange(op, "batchHeads * max(nq, nk) * headDim", saturatingProduct(batchHeads, Math.max(nq, nk), headDim),
                Integer.MAX_VALUE);
    }

    /** Product of non-negative factors, Long.MAX_VALUE on overflow. */
    private static long saturatingProduct(long... factors) {
        long product = 1;
        for (long f : factors) {
            try {
                product = Math.multiplyExact(product, f);
            } catch (ArithmeticException overflow) {
                return Long.MAX_VALUE;
            }
        }
        return product;
    }

    private static int cappedBlocks(long work, int perBlock, int cap) {
        return (int) Math.min(ceilDiv(work, perBlock), cap);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private static void requireRange(String op, String name, long value, long max) {
        if (value < 1 || value > max) {
            throw new IllegalArgumentException(op + ": " + name + " = " + value + " is outside 1.." + max);
        }
    }
}
