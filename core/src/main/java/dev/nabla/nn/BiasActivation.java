package dev.nabla.nn;

import dev.nabla.DType;
import dev.nabla.Shape;
import dev.nabla.Tensor;
import dev.nabla.autograd.GradMode;
import dev.nabla.autograd.Graph;
import dev.nabla.backend.fast.BiasActivationKernel;
import dev.nabla.backend.fast.FusedActivation;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@code act(x + bias)} with a per-channel bias as one differentiable op: one kernel pass forward
 * and one backward on a backend with a {@link BiasActivationKernel} (float32), the composed add and
 * activation otherwise. When the backward pass itself is recorded (gradients of gradients) the
 * gradient is written in Tensor ops of x and bias, so its own derivative is right.
 */
final class BiasActivation {

    private BiasActivation() {
    }

    /**
     * @param op the caller, named in errors
     * @param bias {@code [x.size(dim)]}, or null for the activation alone
     * @param dim the channel dimension of x (negative counts from the end)
     */
    static Tensor apply(String op, Tensor x, Tensor bias, int dim, FusedActivation act) {
        if (bias == null) {
            return activate(x, act);
        }
        int d = Shape.normalizeDim(op, dim, x.rank());
        if (bias.rank() != 1 || bias.size(0) != x.size(d)) {
            throw new IllegalArgumentException(op + ": bias must have shape [" + x.size(d) + "] (dimension " + d
                    + " of input " + x.shape() + "), got " + bias.shape());
        }
        Optional<BiasActivationKernel> kernel = x.backend().fastPath(BiasActivationKernel.class);
        if (kernel.isPresent() && x.dtype() == DType.FLOAT32 && bias.dtype() == DType.FLOAT32
                && x.device().equals(bias.device()) && x.numel() > 0) {
            return fused(kernel.get(), x, bias, d, act);
        }
        return activate(x.add(alongDim(bias, x.rank(), d)), act);
    }

    private static Tensor fused(BiasActivationKernel kernel, Tensor x, Tensor bias, int d, FusedActivation act) {
        int[] shape = x.shape().toArray();
        int inner = Arrays.stream(shape, d + 1, shape.length).reduce(1, Math::multiplyExact);
        Tensor y = Tensor.zeros(DType.FLOAT32, x.device(), shape);
        kernel.biasActivation(x.contiguous().strided(), bias.contiguous().strided(), inner, act, y.strided());
        return Graph.record("biasActivation", y, new Tensor[] {x, bias}, grad -> {
            if (GradMode.isEnabled()) {
                return referenceBackward(x, bias, d, act, grad);
            }
            Tensor gradX = Tensor.zeros(DType.FLOAT32, x.device(), shape);
            Tensor gradBias = Tensor.zeros(DType.FLOAT32, x.device(), bias.size(0));
            kernel.biasActivationBackward(y.strided(), grad.contiguous().strided(), inner, act, gradX.strided(),
                    gradBias.strided());
            return new Tensor[] {gradX, gradBias};
        }, y);
    }

    /** The composed ops' gradients, recomputed from x and bias so that they are differentiable themselves. */
    private static Tensor[] referenceBackward(Tensor x, Tensor bias, int d, FusedActivation act, Tensor grad) {
        Tensor pre = x.add(alongDim(bias, x.rank(), d));
        Tensor y = activate(pre, act);
        Tensor gradX = switch (act) {
            case RELU -> grad.mul(pre.gt(0));
            case SIGMOID -> grad.mul(y).mul(y.rsub(1));
            case TANH -> grad.mul(y.mul(y).rsub(1));
        };
        int[] others = new int[x.rank() - 1];
        for (int i = 0, j = 0; i < x.rank(); i++) {
            if (i != d) {
                others[j++] = i;
            }
        }
        return new Tensor[] {gradX, others.length == 0 ? gradX : gradX.sum(others, false)};
    }

    private static Tensor alongDim(Tensor bias, int rank, int d) {
        int[] shape = new int[rank];
        Arrays.fill(shape, 1);
        shape[d] = bias.size(0);
        return bias.reshape(shape);
    }

    /** The activation as its own op. */
    static Tensor activate(Tensor v, FusedActivation act) {
        return switch (act) {
            case RELU -> v.relu();
            case SIGMOID -> v.sigmoid();
            case TANH -> v.tanh();
        };
    }
}
