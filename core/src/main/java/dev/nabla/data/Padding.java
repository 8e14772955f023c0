package dev.nabla.data;

import dev.nabla.Tensor;
import java.util.List;

/** Pads token sequences of different lengths into one rectangular batch. */
public final class Padding {

    private Padding() {
    }

    /** Right-pads {@code sequences} with {@code padValue} to the longest length. */
    public static PaddedBatch pad(List<long[]> sequences, long padValue) {
        if (sequences.isEmpty()) {
            throw new IllegalArgumentException("Padding.pad: no sequences to pad");
        }
        int batch = sequences.size();
        int maxLength = sequences.stream().mapToInt(s -> s.length).max().orElse(0);
        long[] values = new long[batch * maxLength];
        float[] mask = new float[batch * maxLength];
        long[] lengths = new long[batch];
        for (int b = 0; b < batch; b++) {
            long[] s = sequences.get(b);
            lengths[b] = s.length;
            for (int i = 0; i < maxLength; i++) {
                values[b * maxLength + i] = i < s.length ? s[i] : padValue;
                mask[b * maxLength + i] = i < s.length ? 1 : 0;
            }
        }
        return new PaddedBatch(Tensor.of(values, batch, maxLength), Tensor.of(mask, batch, maxLength),
                Tensor.of(lengths, batch));
    }
}
