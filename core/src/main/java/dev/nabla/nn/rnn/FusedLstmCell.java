package dev.nabla.nn.rnn;

import dev.nabla.Tensor;
import dev.nabla.autograd.Graph;
import dev.nabla.autograd.GradMode;
import dev.nabla.backend.fast.LstmCellKernel;
import java.util.List;

/**
 * The LSTM step's elementwise part as one differentiable op over a backend's
 * {@link LstmCellKernel}: one fused pass forward and one backward. When the backward pass itself
 * is being recorded (gradients of gradients), it falls back to the gate equations in Tensor ops.
 */
final class FusedLstmCell {

    private FusedLstmCell() {
    }

    /** {@code [h | c']} of shape {@code [B, 2H]} from gates {@code [B, 4H]} and cell state {@code [B, H]}. */
    static Tensor apply(Tensor gates, Tensor c) {
        LstmCellKernel kernel = (LstmCellKernel) gates.backend();
        Tensor g = gates.contiguous();
        Tensor cc = c.contiguous();
        int batch = c.size(0);
        int hidden = c.size(1);
        Tensor hc = Tensor.zeros(c.dtype(), c.device(), batch, 2 * hidden);
        kernel.lstmCellForward(g.strided(), cc.strided(), hc.strided());
        return Graph.record("lstmCell", hc, new Tensor[] {gates, c}, grad -> {
            if (GradMode.isEnabled()) {
                return referenceBackward(g, cc, grad);
            }
            Tensor gradHc = grad.contiguous();
            Tensor gradGates = Tensor.zeros(g.dtype(), g.device(), batch, 4 * hidden);
            Tensor gradC = Tensor.zeros(cc.dtype(), cc.device(), batch, hidden);
            kernel.lstmCellBackward(g.strided(), cc.strided(), hc.strided(), gradHc.strided(), gradGates.strided(),
                    gradC.strided());
            return new Tensor[] {gradGates, gradC};
        }, gates, c);
    }

    /** The same gradients in differentiable Tensor ops (for createGraph). */
    private static Tensor[] referenceBackward(Tensor gates, Tensor c, Tensor grad) {
        int hidden = c.size(1);
        List<Tensor> a = gates.chunk(4, 1);
        Tensor i = a.get(0).sigmoid();
        Tensor f = a.get(1).sigmoid();
        Tensor g = a.get(2).tanh();
        Tensor o = a.get(3).sigmoid();
        Tensor tc = f.mul(c).add(i.mul(g)).tanh();
        Tensor gh = grad.narrow(1, 0, hidden);
        Tensor dc = grad.narrow(1, hidden, hidden).add(gh.mul(o).mul(tc.mul(tc).rsub(1)));
        Tensor di = dc.mul(g).mul(i).mul(i.rsub(1));
        Tensor df = dc.mul(c).mul(f).mul(f.rsub(1));
        Tensor dg = dc.mul(i).mul(g.mul(g).rsub(1));
        Tensor dO = gh.mul(tc).mul(o).mul(o.rsub(1));
        return new Tensor[] {Tensor.cat(1, di, df, dg, dO), dc.mul(f)};
    }
}
