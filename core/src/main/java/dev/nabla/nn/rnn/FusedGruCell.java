package dev.nabla.nn.rnn;

import dev.nabla.Tensor;
import dev.nabla.autograd.GradMode;
import dev.nabla.autograd.Graph;
import dev.nabla.backend.fast.GruCellKernel;

/**
 * The GRU step's elementwise part as one differentiable op over a backend's {@link GruCellKernel}: one fused
 * pass forward and one backward. When the backward pass itself is being recorded (gradients of gradients), it
 * falls back to the gate equations in Tensor ops.
 */
final class FusedGruCell {

    private FusedGruCell() {
    }

    /** {@code h'} of shape {@code [B, H]} from the projections {@code [B, 3H]} and the hidden state {@code [B, H]}. */
    static Tensor apply(Tensor xProj, Tensor hProj, Tensor h) {
        GruCellKernel kernel = (GruCellKernel) xProj.backend();
        Tensor x = xProj.contiguous();
        Tensor p = hProj.contiguous();
        Tensor hc = h.contiguous();
        Tensor hNew = Tensor.zerosLike(hc);
        kernel.gruCellForward(x.strided(), p.strided(), hc.strided(), hNew.strided());
        return Graph.record("gruCell", hNew, new Tensor[] {xProj, hProj, h}, grad -> {
            if (GradMode.isEnabled()) {
                return referenceBackward(x, p, hc, grad);
            }
            Tensor gradX = Tensor.zerosLike(x);
            Tensor gradP = Tensor.zerosLike(p);
            Tensor gradH = Tensor.zerosLike(hc);
            kernel.gruCellBackward(x.strided(), p.strided(), hc.strided(), grad.contiguous().strided(), gradX.strided(),
                    gradP.strided(), gradH.strided());
            return new Tensor[] {gradX, gradP, gradH};
        }, xProj, hProj, h);
    }

    /** The same gradients in differentiable Tensor ops (for createGraph). */
    private static Tensor[] referenceBackward(Tensor xProj, Tensor hProj, Tensor h, Tensor grad) {
        GruGates g = GruGates.of(xProj, hProj);
        Tensor r = g.r();
        Tensor z = g.z();
        Tensor n = g.n();
        Tensor dn = grad.mul(z.rsub(1)).mul(n.mul(n).rsub(1));
        Tensor dr = dn.mul(g.pn()).mul(r).mul(r.rsub(1));
        Tensor dz = grad.mul(h.sub(n)).mul(z).mul(z.rsub(1));
        return new Tensor[] {Tensor.cat(1, dr, dz, dn), Tensor.cat(1, dr, dz, dn.mul(r)), grad.mul(z)};
    }
}
