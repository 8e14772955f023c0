package dev.nabla.cpu;

import dev.nabla.backend.Strided;

/**
 * Iteration over the lines of two same-shaped operands along one axis (for scans and sorts): every other
 * dimension is walked by a {@link Layout}, in parallel when there are enough lines.
 */
final class Lines {

    /** Processes the line that starts at {@code inStart} in the input and {@code outStart} in the output. */
    @FunctionalInterface
    interface LineBody {
        void run(int inStart, int outStart);
    }

    private Lines() {
    }

    /** Runs {@code body} once per line of {@code in} and {@code out} along {@code axis}. */
    static void forEach(Strided in, Strided out, int axis, LineBody body) {
        if (in.numel() == 0) {
            return;
        }
        Strided inLines = in.withoutAxis(axis);
        Layout layout = Layout.of(inLines.shape(), inLines, out.withoutAxis(axis));
        int inStride = layout.innerStride(0);
        int outStride = layout.innerStride(1);
        layout.forEachBlock((off, n, linear) -> {
            for (int e = 0; e < n; e++) {
                body.run(off[0] + e * inStride, off[1] + e * outStride);
            }
        });
    }
}
