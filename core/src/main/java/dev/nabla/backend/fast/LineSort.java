package dev.nabla.backend.fast;

/**
 * The stable ordering of one line of keys that {@link SortKernel#argsort} specifies, shared by the reference
 * sort and by backends that sort on the CPU. Each key is first mapped to a {@code long} whose signed order is
 * the wanted one (so the sort itself compares primitives, whatever the dtype), then positions are merge-sorted
 * by it (insertion-sorted runs, then bottom-up merges), which keeps equal keys in their original order.
 */
public final class LineSort {

    /** Insertion sort below this many keys; merges above. */
    private static final int RUN = 32;

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
     * @param ranks work space for the mapped keys, at least {@code n} long
     */
    public static void argsort(Object keys, int offset, int stride, int n, boolean descending, int[] order,
            int[] scratch, long[] ranks) {
        for (int i = 0, p = offset; i < n; i++, p += stride) {
            long rank = rank(keys, p);
            // ~ reverses the signed order and keeps distinct keys distinct
            ranks[i] = descending ? ~rank : rank;
            order[i] = i;
        }
        for (int start = 0; start < n; start += RUN) {
            insertionSort(ranks, order, start, Math.min(start + RUN, n));
        }
        int[] from = order;
        int[] to = scratch;
        for (int width = RUN; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                merge(ranks, from, to, lo, Math.min(lo + width, n), Math.min(lo + 2 * width, n));
            }
            int[] swap = from;
            from = to;
            to = swap;
        }
        if (from != order) {
            System.arraycopy(from, 0, order, 0, n);
        }
    }

    /**
     * A long in the key's ascending order: INT64 keys as they are; floating keys through their bits, negative ones
     * with the magnitude bits flipped, {@code -0.0} as {@code 0.0}, every NaN as the one canonical NaN (greatest).
     */
    private static long rank(Object keys, int p) {
        if (keys instanceof long[] l) {
            return l[p];
        }
        double v;
        if (keys instanceof float[] f) {
            v = f[p];
        } else if (keys instanceof double[] d) {
            v = d[p];
        } else {
            throw new IllegalArgumentException("LineSort: keys must be float[], double[] or long[], got "
                    + (keys == null ? "null" : keys.getClass().getSimpleName()));
        }
        long bits = Double.doubleToLongBits(v + 0.0);
        return bits ^ ((bits >> 63) & Long.MAX_VALUE);
    }

    /** Stable: a position moves left only past strictly greater keys. */
    private static void insertionSort(long[] ranks, int[] a, int lo, int hi) {
        for (int i = lo + 1; i < hi; i++) {
            int v = a[i];
            long key = ranks[v];
            int j = i - 1;
            while (j >= lo && ranks[a[j]] > key) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
    }

    /** Merges the sorted runs {@code from[lo..mid)} and {@code from[mid..hi)} into {@code to}; ties go left first. */
    private static void merge(long[] ranks, int[] from, int[] to, int lo, int mid, int hi) {
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
            to[k++] = ranks[from[j]] < ranks[from[i]] ? from[j++] : from[i++];
        }
        System.arraycopy(from, i, to, k, mid - i);
        System.arraycopy(from, j, to, k + mid - i, hi - j);
    }
}
