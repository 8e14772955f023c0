package dev.nabla.nn.rnn;

import dev.nabla.Tensor;
import java.util.List;

/**
 * The gates of a GRU step in Tensor ops, from the input and hidden projections {@code [B, 3H]} in PyTorch's
 * order r, z, n: {@code r = σ(x_r + p_r)}, {@code z = σ(x_z + p_z)}, {@code n = tanh(x_n + r·p_n)}.
 *
 * @param pn the hidden projection's n block {@code p_n}, which the gradient of {@code r} needs
 */
record GruGates(Tensor r, Tensor z, Tensor n, Tensor pn) {

    static GruGates of(Tensor xProj, Tensor hProj) {
        List<Tensor> xs = xProj.chunk(3, 1);
        List<Tensor> ps = hProj.chunk(3, 1);
        Tensor r = xs.get(0).add(ps.get(0)).sigmoid();
        Tensor z = xs.get(1).add(ps.get(1)).sigmoid();
        return new GruGates(r, z, xs.get(2).add(r.mul(ps.get(2))).tanh(), ps.get(2));
    }
}
