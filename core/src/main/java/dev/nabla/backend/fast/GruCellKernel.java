package dev.nabla.backend.fast;

import dev.nabla.backend.Strided;

/**
 * Fast path for the elementwise part of a GRU step, fused into one pass: from the input projection
 * {@code x = [x_r | x_z | x_n]} and the hidden projection {@code p = [p_r | p_z | p_n]} (each {@code W·v + b}),
 * {@code r = σ(x_r + p_r)}, {@code z = σ(x_z + p_z)}, {@code n = tanh(x_n + r·p_n)} and
 * {@code h' = (1 − z)·n + z·h}. All operands are contiguous and share one floating dtype.
 */
public interface GruCellKernel extends FastPath {

    /**
     * @param xProj {@code [B, 3H]}
     * @param hProj {@code [B, 3H]}
     * @param h the previous hidden state {@code [B, H]}
     * @param hNew output {@code [B, H]}
     */
    void gruCellForward(Strided xProj, Strided hProj, Strided h, Strided hNew);

    /**
     * The gradients of the fused step, recomputing the gates from its inputs.
     *
     * @param gradHNew the gradient of {@code h'} {@code [B, H]}
     * @param gradXProj output {@code [B, 3H]}
     * @param gradHProj output {@code [B, 3H]}
     * @param gradH output {@code [B, H]}: the direct term {@code z·gradHNew} only (core adds what flows through
     *     {@code hProj})
     */
    void gruCellBackward(Strided xProj, Strided hProj, Strided h, Strided gradHNew, Strided gradXProj,
            Strided gradHProj, Strided gradH);
}
