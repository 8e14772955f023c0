package dev.nabla.nn.rnn;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.nn.Parameter;

/**
 * The four parameter slots of one recurrent direction of one layer, registered on their owning module
 * under PyTorch's names ({@code weight_ih{suffix}}, ...) and initialised like PyTorch: uniform in
 * {@code ±1/sqrt(hidden)}.
 */
record CellWeights(Parameter wih, Parameter whh, Parameter bih, Parameter bhh) {

    /** Registers and initialises the slots on {@code owner}. */
    static CellWeights register(ParameterRegistrar owner, String suffix, CellKind kind, int input, int hidden,
            boolean bias, double forgetBias) {
        double bound = 1.0 / Math.sqrt(hidden);
        Generator gen = Generator.global();
        Device device = Device.best();
        int rows = kind.gates() * hidden;
        Parameter wih = owner.register("weight_ih" + suffix,
                Tensor.uniform(gen, -bound, bound, DType.FLOAT32, device, rows, input));
        Parameter whh = owner.register("weight_hh" + suffix,
                Tensor.uniform(gen, -bound, bound, DType.FLOAT32, device, rows, hidden));
        Parameter bih = null;
        Parameter bhh = null;
        if (bias) {
            Tensor bi = Tensor.uniform(gen, -bound, bound, DType.FLOAT32, device, rows);
            Tensor bh = Tensor.uniform(gen, -bound, bound, DType.FLOAT32, device, rows);
            if (kind == CellKind.LSTM && !Double.isNaN(forgetBias)) {
                // the forget gate is the second block: b_ih + b_hh sums to forgetBias there
                bi.narrow(0, hidden, hidden).fillInPlace(forgetBias);
                bh.narrow(0, hidden, hidden).fillInPlace(0);
            }
            bih = owner.register("bias_ih" + suffix, bi);
            bhh = owner.register("bias_hh" + suffix, bh);
        }
        return new CellWeights(wih, whh, bih, bhh);
    }

    /** Lets a module hand its protected {@code registerParameter} to this helper. */
    @FunctionalInterface
    interface ParameterRegistrar {
        Parameter register(String name, Tensor value);
    }

    /** {@code x W_ihᵀ + b_ih} for x of shape {@code [..., input]}. */
    Tensor projectInput(Tensor x) {
        return RecurrenceSteps.inputProjection(x, tensors());
    }

    /** One step of {@code kind} from an already projected input. */
    Tensor[] step(CellKind kind, Tensor xProj, Tensor h, Tensor c) {
        return kind.step(xProj, h, c, whh.get(), bhh == null ? null : bhh.get());
    }

    /** {@code W_ih, W_hh} and, with bias, {@code b_ih, b_hh}: the layout {@link RecurrentLayerOp} takes. */
    Tensor[] tensors() {
        return bih == null ? new Tensor[] {wih.get(), whh.get()}
                : new Tensor[] {wih.get(), whh.get(), bih.get(), bhh.get()};
    }
}
