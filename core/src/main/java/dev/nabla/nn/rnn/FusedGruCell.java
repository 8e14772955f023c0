package dev.nabla.nn.rnn;

import dev.nabla.Tensor;
import dev.nabla.autograd.GradMode;
import dev.nabla.autograd.Graph;
import dev.nabla.backend.fast.GruCellKernel;
import java.util.Optional;

/**
 * The GRU step's elementwise part, {@code h'} from the input and hidden projections and the hidden state:
 * one fused pass each way over a backend's {@link GruCellKernel}, or the gate equations in Tensor ops where
 * the backend has none or the backward pass itself is being recorded (gradients of gradients).
 */
final class FusedGruCell {

    private FusedGruCell() {
    }

    /** {@code h'} of shape {@code [B, H]} from the projections {@code [B, 3H]} and the hidden state {@code [B, H]}, differentiable. */
    static Tensor apply(Tensor xProj, Tensor hProj, Tensor h) {
        Optional<GruCellKernel> kernel = kernel(xProj, hProj, h);
        if (kernel.isEmpty()) {
            return referenceForward(xProj, hProj, h);
        }
        Tensor x = xProj.contiguous();
        Tensor p = hProj.contiguous();
        Tensor hc = h.contiguous();
        return Graph.record("gruCell", kernelForward(kernel.get(), x, p, hc), new Tensor[] {xProj, hProj, h},
                grad -> backward(x, p, hc, grad), xProj, hProj, h);
    }

    /** {@code h'} without recording a graph. */
    static Tensor forward(Tensor xProj, Tensor hProj, Tensor h) {
        return kernel(xProj, hProj, h).map(k -> kernelForward(k, xProj.contiguous(), hProj.contiguous(), h.contiguous()))
                .orElseGet(() -> referenceForward(xProj, hProj, h));
    }

    /** The kernel's forward on contiguous operands. */
    private static Tensor kernelForward(GruCellKernel kernel, Tensor xProj, Tensor hProj, Tensor h) {
        Tensor hNew = Tensor.zerosLike(h);
        kernel.gruCellForward(xProj.strided(), hProj.strided(), h.strided(), hNew.strided());
        return hNew;
    }

    /**
     * The gradients of the two projections and the direct gradient {@code z·grad} of {@code h} (what flows
     * through {@code hProj} is the caller's), given the gradient of {@code h'}.
     */
    static Tensor[] backward(Tensor xProj, Tensor hProj, Tensor h, Tensor grad) {
        Optional<GruCellKernel> kernel = kernel(xProj, hProj, h);
        if (GradMode.isEnabled() || kernel.isEmpty()) {
            return referenceBackward(xProj, hProj, h, grad);
        }
        Tensor x = xProj.contiguous();
        Tensor p = hProj.contiguous();
        Tensor hc = h.contiguous();
        Tensor gradX = Tensor.zerosLike(x);
        Tensor gradP = Tensor.zerosLike(p);
        Tensor gradH = Tensor.zerosLike(hc);
        kernel.get().gruCellBackward(x.strided(), p.strided(), hc.strided(),
                grad.contiguous().strided(), gradX.strided(), gradP.strided(), gradH.strided());
        return new Tensor[] {gradX, gradP, gradH};
    }

    /** The backend's kernel, when it has one and the dtypes agree. */
    private static Optional<GruCellKernel> kernel(Tensor xProj, Tensor hProj, Tensor h) {
        return xProj.dtype() == h.dtype() && hProj.dtype() == h.dtype()
                ? xProj.backend().fastPath(GruCellKernel.class) : Optional.empty();
    }

    /** {@code h' = (1 − z)·n + z·h} in Tensor ops. */
    private static Tensor referenceForward(Tensor xProj, Tensor hProj, Tensor h) {
        GruGates g = GruGates.of(xProj, hProj);
        return g.n().sub(g.n().mul(g.z())).add(g.z().mul(h));
    }

    /** The gradients in differentiable Tensor ops. */
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
