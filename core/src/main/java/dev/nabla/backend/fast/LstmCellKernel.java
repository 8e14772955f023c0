package dev.nabla.backend.fast;

import dev.nabla.backend.Strided;

/**
 * Fast path for the elementwise part of an LSTM step, fused into one pass: from the summed gate
 * pre-activations {@code a = [a_i | a_f | a_g | a_o]} and the previous cell state {@code c},
 * {@code c' = σ(a_f)·c + σ(a_i)·tanh(a_g)} and {@code h = σ(a_o)·tanh(c')}. All operands are
 * contiguous and share one floating dtype.
 */
public interface LstmCellKernel extends FastPath {

    /**
     * @param gates {@code [B, 4H]}
     * @param c {@code [B, H]}
     * @param hc output {@code [B, 2H]}: {@code h} in the first H columns, {@code c'} in the last H
     */
    void lstmCellForward(Strided gates, Strided c, Strided hc);

    /**
     * The gradients of the fused step.
     *
     * @param gates the forward's {@code [B, 4H]} pre-activations
     * @param c the forward's previous cell state {@code [B, H]}
     * @param hc the forward's output {@code [B, 2H]}
     * @param gradHc the gradient of the output {@code [B, 2H]}
     * @param gradGates output {@code [B, 4H]}
     * @param gradC output {@code [B, H]}
     */
    void lstmCellBackward(Strided gates, Strided c, Strided hc, Strided gradHc, Strided gradGates, Strided gradC);
}
