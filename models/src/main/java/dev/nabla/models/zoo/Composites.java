package dev.nabla.models.zoo;

import dev.nabla.Tensor;
import java.util.stream.IntStream;

/** Pictures that put several views of one sample side by side, for sample grids. */
final class Composites {

    private Composites() {
    }

    /**
     * Four image batches {@code [N, 1, s, s]} tiled into one batch {@code [N, 2s, 2s]}: {@code topLeft}
     * and {@code topRight} above {@code bottomLeft} and {@code bottomRight}.
     */
    static Tensor quad(Tensor topLeft, Tensor topRight, Tensor bottomLeft, Tensor bottomRight) {
        Tensor top = Tensor.cat(3, topLeft, topRight);
        Tensor bottom = Tensor.cat(3, bottomLeft, bottomRight);
        return Tensor.cat(2, top, bottom).squeeze(1).contiguous();
    }

    /** The first {@code count} rows of {@code t} along dimension 0, starting over when it has fewer. */
    static Tensor cycle(Tensor t, int count) {
        int n = t.size(0);
        int[] idx = IntStream.range(0, count).map(i -> i % n).toArray();
        return t.indexSelect(0, Tensor.ofIndices(idx, count).to(t.device()));
    }
}
