package dev.nabla.models.nets;

import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.nn.Functional;

/** Drawing tokens from logits: greedy and temperature sampling, shared by the language models. */
public final class Sampling {

    private Sampling() {
    }

    /**
     * Draws one token per row of {@code logits [B, V]}: the argmax when {@code temperature} is 0,
     * else a sample from {@code softmax(logits / temperature)} using {@code gen}.
     *
     * @throws IllegalArgumentException for a negative temperature or logits that are not {@code [B, V]}
     */
    public static int[] draw(Tensor logits, double temperature, Generator gen) {
        if (!(temperature >= 0) || logits.rank() != 2) {
            throw new IllegalArgumentException("Sampling.draw: need logits [B, V] and temperature >= 0, got "
                    + logits.shape() + " and " + temperature);
        }
        if (temperature == 0) {
            return logits.argmax(1, false).toIntArray();
        }
        int rows = logits.size(0);
        int vocab = logits.size(1);
        double[] p = Functional.softmax(logits.div(temperature), 1).toDoubleArray();
        int[] out = new int[rows];
        for (int r = 0; r < rows; r++) {
            double u = gen.nextDouble();
            int pick = vocab - 1;
            for (int v = 0; v < vocab; v++) {
                u -= p[r * vocab + v];
                if (u <= 0) {
                    pick = v;
                    break;
                }
            }
            out[r] = pick;
        }
        return out;
    }
}
