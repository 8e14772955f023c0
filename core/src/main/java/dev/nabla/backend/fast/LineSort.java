package dev.nabla.backend.fast;

/**
 * The stable ordering of one line of keys that {@link SortKernel#argsort} specifies, shared by the
 * reference sort and by backends that sort on the CPU: a merge sort of positions (insertion-sorted runs,
 * then bottom-up merges), which keeps equal keys in their original order.
 */
public final class LineSort {

    /** Insertion sort below this many keys; merges above. */
    private static final int RUN = 32;

    /** Compares the keys at two positions of the line. */
    @FunctionalInterface
    private interface KeyOrder {
        int compare(int i, int j);
    }

    private LineSort() {
    }

    /**
     * Writes into {@code order[0..n)} the positions of the line's keys in sorted order.
     *
     * @param keys a {@code float[]}, {@code double[]} or {@code long[]}
     * @param offset where the line's first key is
     * @param stride the distance between consecutive keys
     * @param n the number of keys
     * @param descending largest first (NaN first), else smallest first (NaN last)
     * @param order receives the positions, at least {@code n} long
     * @param scratch work space, at least {@code n} long
     */
    public static void argsort(Object keys, int offset, int stride, int n, boolean descending, int[] order,
            int[] scratch) {
        KeyOrder ascending = ascending(keys, offset, stride);
        KeyOrder wanted = descending ? (i, j) -> ascending.compare(j, i) : ascending;
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int start = 0; start < n; start += RUN) {
            insertionSort(wanted, order, start, Math.min(start + RUN, n));
        }
        int[] from = order;
        int[] to = scratch;
        for (int width = RUN; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                merge(wanted, from, to, lo, Math.min(lo + width, n), Math.min(lo + 2 * width, n));
            }
            int[] swap = from;
            from = to;
            to = swap;
        }
        if (from != order) {
            System.arraycopy(from, 0, order, 0, n);
        }
    }

    private static KeyOrder ascending(Object keys, int offset, int stride) {
        if (keys instanceof float[] f) {
            return (i, j) -> compare(f[offset + i * stride], f[offset + j * stride]);
        } else if (keys instanceof double[] d) {
            return (i, j) -> compare(d[offset + i * stride], d[offset + j * stride]);
        } else if (keys instanceof long[] l) {
            return (i, j) -> Long.compare(l[offset + i * stride], l[offset + j * stride]);
        }
        throw new IllegalArgumentException("LineSort: keys must be float[], double[] or long[], got "
                + (keys == null ? "null" : keys.getClass().getSimpleName()));
    }

    /** Ascending order with NaN greatest (two NaNs equal) and {@code -0.0 == 0.0}, unlike {@link Double#compare}. */
    static int compare(double a, double b) {
        if (a < b) {
            return -1;
        }
        if (a > b) {
            return 1;
        }
        return a == b ? 0 : Boolean.compare(Double.isNaN(a), Double.isNaN(b));
    }

    /** Stable: an element moves left only past strictly greater ones. */
    private static void insertionSort(KeyOrder order, int[] a, int lo, int hi) {
        for (int i = lo + 1; i < hi; i++) {
            int v = a[i];
            int j = i - 1;
            while (j >= lo && order.compare(a[j], v) > 0) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
    }

    /** Merges the sorted runs {@code from[lo..mid)} and {@code from[mid..hi)} into {@code to}; ties go left first. */
    private static void merge(KeyOrder order, int[] from, int[] to, int lo, int mid, int hi) {
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
            to[k++] = order.compare(from[j], from[i]) < 0 ? from[j++] : from[i++];
        }
        System.arraycopy(from, i, to, k, mid - i);
        System.arraycopy(from, j, to, k + mid - i, hi - j);
    }
}
