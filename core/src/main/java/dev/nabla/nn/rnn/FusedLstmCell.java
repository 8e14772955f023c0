package dev.nabla.nn.rnn;

import dev.nabla.Tensor;
import dev.nabla.autograd.GradMode;
import dev.nabla.autograd.Graph;
import dev.nabla.backend.fast.LstmCellKernel;
import java.util.List;
import java.util.Optional;

/**
 * The LSTM step's elementwise part, {@code [h | c']} from the summed gate pre-activations and the cell
 * state: one fused pass each way over a backend's {@link LstmCellKernel}, or the gate equations in Tensor
 * ops where the backend has none or the backward pass itself is being recorded (gradients of gradients).
 */
final class FusedLstmCell {

    private FusedLstmCell() {
    }

    /** {@code [h | c']} of shape {@code [B, 2H]} from gates {@code [B, 4H]} and cell state {@code [B, H]}, differentiable. */
    static Tensor apply(Tensor gates, Tensor c) {
        Optional<LstmCellKernel> kernel = kernel(gates, c);
        if (kernel.isEmpty()) {
            return referenceForward(gates, c);
        }
        Tensor g = gates.contiguous();
        Tensor cc = c.contiguous();
        Tensor hc = kernelForward(kernel.get(), g, cc);
        return Graph.record("lstmCell", hc, new Tensor[] {gates, c}, grad -> backward(g, cc, hc, grad), gates, c);
    }

    /** {@code [h | c']} without recording a graph. */
    static Tensor forward(Tensor gates, Tensor c) {
        return kernel(gates, c).map(k -> kernelForward(k, gates.contiguous(), c.contiguous()))
                .orElseGet(() -> referenceForward(gates, c));
    }

    /** The kernel's forward on contiguous operands. */
    private static Tensor kernelForward(LstmCellKernel kernel, Tensor gates, Tensor c) {
        Tensor hc = Tensor.zeros(c.dtype(), c.device(), c.size(0), 2 * c.size(1));
        kernel.lstmCellForward(gates.strided(), c.strided(), hc.strided());
        return hc;
    }

    /**
     * The gradients of the gates and of the previous cell state, given the gradient {@code [B, 2H]} of
     * {@code [h | c']}; {@code hc} is the forward's output.
     */
    static Tensor[] backward(Tensor gates, Tensor c, Tensor hc, Tensor grad) {
        Optional<LstmCellKernel> kernel = kernel(gates, c);
        if (GradMode.isEnabled() || kernel.isEmpty()) {
            return referenceBackward(gates, c, grad);
        }
        Tensor g = gates.contiguous();
        Tensor cc = c.contiguous();
        Tensor gradGates = Tensor.zerosLike(g);
        Tensor gradC = Tensor.zerosLike(cc);
        kernel.get().lstmCellBackward(g.strided(), cc.strided(), hc.contiguous().strided(),
                grad.contiguous().strided(), gradGates.strided(), gradC.strided());
        return new Tensor[] {gradGates, gradC};
    }

    /** The backend's kernel, when it has one and the dtypes agree. */
    private static Optional<LstmCellKernel> kernel(Tensor gates, Tensor c) {
        return gates.dtype() == c.dtype() ? gates.backend().fastPath(LstmCellKernel.class) : Optional.empty();
    }

    /** The gate equations in Tensor ops: {@code c' = σ(f)c + σ(i)tanh(g)}, {@code h = σ(o)tanh(c')}. */
    private static Tensor referenceForward(Tensor gates, Tensor c) {
        List<Tensor> g = gates.chunk(4, 1);
        Tensor cNew = g.get(1).sigmoid().mul(c).add(g.get(0).sigmoid().mul(g.get(2).tanh()));
        return Tensor.cat(1, g.get(3).sigmoid().mul(cNew.tanh()), cNew);
    }

    /** The gradients in differentiable Tensor ops. */
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
