package dev.nabla.nn.rnn;

import dev.nabla.Tensor;
import dev.nabla.backend.Strided;
import dev.nabla.backend.fast.RecurrenceGradients;
import dev.nabla.backend.fast.RecurrenceKernel;
import dev.nabla.backend.fast.RecurrenceOperands;
import dev.nabla.backend.fast.RecurrenceProblem;
import java.util.ArrayList;
import java.util.List;

/** A layer run by its backend's {@link RecurrenceKernel} (cuDNN on CUDA). */
final class KernelRecurrence implements LayerRecurrence {

    private final RecurrenceKernel kernel;
    private final RecurrenceProblem problem;
    /** The forward's operands (their storages stay alive with them) for the backward. */
    private RecurrenceOperands operands;
    private Object saved;

    KernelRecurrence(RecurrenceKernel kernel, RecurrenceProblem problem) {
        this.kernel = kernel;
        this.problem = problem;
    }

    @Override
    public Tensor[] forward(Tensor x, Tensor h0, Tensor c0, Tensor[][] weights, boolean training) {
        Tensor y = Tensor.zeros(x.dtype(), x.device(), problem.steps(), problem.batch(),
                problem.directions() * problem.hiddenSize());
        Tensor hy = Tensor.zerosLike(h0);
        Tensor cy = c0 == null ? null : Tensor.zerosLike(c0);
        List<Tensor> w = new ArrayList<>();
        for (Tensor[] direction : weights) {
            for (Tensor t : direction) {
                w.add(t.contiguous());
            }
        }
        Tensor xc = x.contiguous();
        Tensor h0c = h0.contiguous();
        Tensor c0c = c0 == null ? null : c0.contiguous();
        operands = new RecurrenceOperands(xc.strided(), h0c.strided(), stridedOrNull(c0c), strided(w), y.strided(),
                hy.strided(), stridedOrNull(cy));
        saved = kernel.recurrenceForward(problem, operands, training);
        return new Tensor[] {y, hy, cy};
    }

    @Override
    public Tensor[] backward(Tensor dy, Tensor dhy, Tensor dcy) {
        Tensor dyc = dy.contiguous();
        Tensor dhyc = dhy.contiguous();
        Tensor dcyc = dcy == null ? null : dcy.contiguous();
        List<Strided> weights = operands.weights();
        Tensor[] grads = new Tensor[3 + weights.size()];
        grads[0] = Tensor.zeros(dy.dtype(), dy.device(), problem.steps(), problem.batch(), problem.inputSize());
        grads[1] = Tensor.zerosLike(dhyc);
        grads[2] = dcy == null ? null : Tensor.zerosLike(dcyc);
        List<Tensor> dWeights = new ArrayList<>();
        for (int i = 0; i < weights.size(); i++) {
            grads[3 + i] = Tensor.zeros(dy.dtype(), dy.device(), weights.get(i).shape());
            dWeights.add(grads[3 + i]);
        }
        kernel.recurrenceBackward(problem, saved, operands, new RecurrenceGradients(dyc.strided(), dhyc.strided(),
                stridedOrNull(dcyc), grads[0].strided(), grads[1].strided(), stridedOrNull(grads[2]),
                strided(dWeights)));
        return grads;
    }

    private static Strided stridedOrNull(Tensor t) {
        return t == null ? null : t.strided();
    }

    private static List<Strided> strided(List<Tensor> tensors) {
        return tensors.stream().map(Tensor::strided).toList();
    }
}
