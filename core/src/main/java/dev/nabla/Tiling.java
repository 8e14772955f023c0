package dev.nabla;

import java.util.Arrays;

/** Copies of a tensor laid side by side: {@code repeat} (torch.Tensor.repeat) and {@code tile} (torch.tile). */
final class Tiling {

    private Tiling() {
    }

    /**
     * Dimension i repeated {@code repeats[i]} times; extra leading counts add leading dimensions. Composed of a
     * reshape, an expand and a copying reshape, so the gradient sums the copies.
     */
    static Tensor repeat(Tensor x, int[] repeats) {
        return repeat("repeat", x, repeats);
    }

    private static Tensor repeat(String op, Tensor x, int[] repeats) {
        if (repeats.length < x.rank()) {
            throw new IllegalArgumentException("repeat: needs a count for each of the " + x.rank()
                    + " dimensions of shape " + x.shape() + ", got " + Arrays.toString(repeats)
                    + " (use tile to repeat trailing dimensions only)");
        }
        for (int r : repeats) {
            if (r < 0) {
                throw new IllegalArgumentException(op + ": counts must be >= 0, got " + Arrays.toString(repeats));
            }
        }
        int lead = repeats.length - x.rank();
        int[] interleaved = new int[2 * repeats.length];
        int[] expanded = new int[2 * repeats.length];
        int[] result = new int[repeats.length];
        for (int i = 0; i < repeats.length; i++) {
            int size = i < lead ? 1 : x.dims()[i - lead];
            interleaved[2 * i] = 1;
            interleaved[2 * i + 1] = size;
            expanded[2 * i] = repeats[i];
            expanded[2 * i + 1] = size;
            result[i] = Math.multiplyExact(repeats[i], size);
        }
        return x.reshape(interleaved).expand(expanded).reshape(result);
    }

    /** {@link #repeat} after padding {@code reps} with leading 1s up to the rank, as torch.tile does. */
    static Tensor tile(Tensor x, int[] reps) {
        int[] padded = reps;
        if (reps.length < x.rank()) {
            padded = new int[x.rank()];
            Arrays.fill(padded, 1);
            System.arraycopy(reps, 0, padded, x.rank() - reps.length, reps.length);
        }
        return repeat("tile", x, padded);
    }
}
