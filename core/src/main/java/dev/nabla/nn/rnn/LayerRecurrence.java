package dev.nabla.nn.rnn;

import dev.nabla.Tensor;

/**
 * How one recurrent layer (all its directions) runs forward and back without recording a graph; one
 * instance serves one forward and the backward that follows it. See {@link RecurrentLayerOp}.
 */
interface LayerRecurrence {

    /**
     * @param x the input {@code [T, B, I]}
     * @param h0 the initial hidden states {@code [D, B, H]}
     * @param c0 the initial cell states {@code [D, B, H]} (LSTM), else null
     * @param weights per direction {@code W_ih, W_hh} and, with bias, {@code b_ih, b_hh}
     * @param training whether {@link #backward} may follow
     * @return {@code y [T, B, D·H]}, {@code hy [D, B, H]} and {@code cy} (null unless LSTM)
     */
    Tensor[] forward(Tensor x, Tensor h0, Tensor c0, Tensor[][] weights, boolean training);

    /**
     * The gradients of the last forward, given those of its three outputs ({@code dcy} null unless LSTM).
     *
     * @return {@code dx, dh0, dc0} (null unless LSTM), then the weights' gradients in the forward's order
     */
    Tensor[] backward(Tensor dy, Tensor dhy, Tensor dcy);
}
