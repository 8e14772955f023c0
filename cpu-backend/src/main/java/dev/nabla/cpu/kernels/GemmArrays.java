package dev.nabla.cpu.kernels;

/**
 * The few element-wise array operations a blocked GEMM needs outside its micro-kernel, for one
 * primitive element type; {@link BlockedGemm} is written once against them.
 *
 * @param <A> the element array type
 */
interface GemmArrays<A> {

    /** A zeroed array of {@code n} elements. */
    A allocate(int n);

    /** The array's length. */
    int length(A array);

    /** {@code dst[at + r] = src[from + r * stride]} for {@code r < n}, then zeros up to {@code dst[at + width)}. */
    void gather(A src, int from, int stride, A dst, int at, int n, int width);

    /** {@code c[from..to) *= factor}, rounding the factor to the element type first. */
    void scale(A c, int from, int to, double factor);

    /** {@code c[at + j] (+)= tile[from + j]} for {@code j < n}. */
    void merge(A tile, int from, A c, int at, int n, boolean accumulate);

    /** The float32 operations. */
    GemmArrays<float[]> FLOAT = new GemmArrays<>() {
        @Override
        public float[] allocate(int n) {
            return new float[n];
        }

        @Override
        public int length(float[] array) {
            return array.length;
        }

        @Override
        public void gather(float[] src, int from, int stride, float[] dst, int at, int n, int width) {
            for (int r = 0; r < n; r++) {
                dst[at + r] = src[from + r * stride];
            }
            java.util.Arrays.fill(dst, at + n, at + width, 0f);
        }

        @Override
        public void scale(float[] c, int from, int to, double factor) {
            float f = (float) factor;
            for (int j = from; j < to; j++) {
                c[j] *= f;
            }
        }

        @Override
        public void merge(float[] tile, int from, float[] c, int at, int n, boolean accumulate) {
            for (int j = 0; j < n; j++) {
                c[at + j] = accumulate ? c[at + j] + tile[from + j] : tile[from + j];
            }
        }
    };

    /** The float64 operations. */
    GemmArrays<double[]> DOUBLE = new GemmArrays<>() {
        @Override
        public double[] allocate(int n) {
            return new double[n];
        }

        @Override
        public int length(double[] array) {
            return array.length;
        }

        @Override
        public void gather(double[] src, int from, int stride, double[] dst, int at, int n, int width) {
            for (int r = 0; r < n; r++) {
                dst[at + r] = src[from + r * stride];
            }
            java.util.Arrays.fill(dst, at + n, at + width, 0.0);
        }

        @Override
        public void scale(double[] c, int from, int to, double factor) {
            for (int j = from; j < to; j++) {
                c[j] *= factor;
            }
        }

        @Override
        public void merge(double[] tile, int from, double[] c, int at, int n, boolean accumulate) {
            for (int j = 0; j < n; j++) {
                c[at + j] = accumulate ? c[at + j] + tile[from + j] : tile[from + j];
            }
        }
    };
}
