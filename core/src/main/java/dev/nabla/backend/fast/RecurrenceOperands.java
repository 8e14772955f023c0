package dev.nabla.backend.fast;

import dev.nabla.backend.Strided;
import java.util.List;

/**
 * The tensors of one {@link RecurrenceProblem}, all contiguous and of the problem's dtype.
 *
 * @param x the input {@code [T, B, I]}
 * @param h0 the initial hidden states {@code [D, B, H]}
 * @param c0 the initial cell states {@code [D, B, H]} (LSTM), else null
 * @param weights per direction, forward first: {@code W_ih [G·H, I]}, {@code W_hh [G·H, H]} and, with bias,
 *     {@code b_ih [G·H]}, {@code b_hh [G·H]}
 * @param y the output {@code [T, B, D·H]}, written by the forward
 * @param hy the final hidden states {@code [D, B, H]}, written by the forward
 * @param cy the final cell states {@code [D, B, H]} (LSTM), else null; written by the forward
 */
public record RecurrenceOperands(Strided x, Strided h0, Strided c0, List<Strided> weights, Strided y, Strided hy,
        Strided cy) {

    /** Copies the weight list. */
    public RecurrenceOperands {
        weights = List.copyOf(weights);
    }
}
