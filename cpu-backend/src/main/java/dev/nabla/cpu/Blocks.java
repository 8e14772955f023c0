package dev.nabla.cpu;

/**
 * Moves blocks between typed storage arrays and {@code double} scratch arrays, so every
 * elementwise kernel is written once, over doubles. For +, -, *, / and sqrt, computing a float
 * result in double and rounding once gives exactly the float32 answer. INT64 values are exact here
 * only up to 2^53, so pure INT64 work takes {@link LongRuns} instead; this path serves mixed dtypes and
 * the INT64 functions with no integer form (exp, log, ...).
 */
final class Blocks {

    private static final ThreadLocal<double[][]> SCRATCH =
            ThreadLocal.withInitial(() -> new double[4][Layout.BLOCK]);

    private Blocks() {
    }

    /** Four block-sized scratch arrays owned by the calling thread. */
    static double[][] scratch() {
        return SCRATCH.get();
    }

    static void load(Object src, int offset, int stride, double[] dst, int n) {
        load(src, offset, stride, dst, 0, n);
    }

    /** Reads {@code n} elements from {@code src} (starting at offset, spaced by stride) into {@code dst[at..]}. */
    static void load(Object src, int offset, int stride, double[] dst, int at, int n) {
        if (src instanceof float[] f) {
            for (int i = at, p = offset; i < at + n; i++, p += stride) {
                dst[i] = f[p];
            }
        } else if (src instanceof double[] d) {
            if (stride == 1) {
                System.arraycopy(d, offset, dst, at, n);
            } else {
                for (int i = at, p = offset; i < at + n; i++, p += stride) {
                    dst[i] = d[p];
                }
            }
        } else {
            long[] l = (long[]) src;
            for (int i = at, p = offset; i < at + n; i++, p += stride) {
                dst[i] = l[p];
            }
        }
    }

    static void store(double[] src, int n, Object dst, int offset, int stride) {
        store(src, 0, n, dst, offset, stride);
    }

    /** Writes {@code src[at .. at+n)} into {@code dst} (starting at offset, spaced by stride), narrowing to its type. */
    static void store(double[] src, int at, int n, Object dst, int offset, int stride) {
        if (dst instanceof float[] f) {
            for (int i = at, p = offset; i < at + n; i++, p += stride) {
                f[p] = (float) src[i];
            }
        } else if (dst instanceof double[] d) {
            if (stride == 1) {
                System.arraycopy(src, at, d, offset, n);
            } else {
                for (int i = at, p = offset; i < at + n; i++, p += stride) {
                    d[p] = src[i];
                }
            }
        } else {
            long[] l = (long[]) dst;
            for (int i = at, p = offset; i < at + n; i++, p += stride) {
                l[p] = (long) src[i];
            }
        }
    }

    /** A same-type strided copy that keeps INT64 exact. */
    static void copyLongs(long[] src, int srcOffset, int srcStride, long[] dst, int dstOffset, int dstStride, int n) {
        for (int i = 0, p = srcOffset, q = dstOffset; i < n; i++, p += srcStride, q += dstStride) {
            dst[q] = src[p];
        }
    }
}
