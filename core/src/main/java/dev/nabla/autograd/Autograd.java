package dev.nabla.autograd;

import dev.nabla.Tensor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Entry points of reverse-mode differentiation. */
public final class Autograd {

    private static final List<GradientListener> LISTENERS = new CopyOnWriteArrayList<>();

    private Autograd() {
    }

    /**
     * Turns graph recording off on this thread until the returned scope is closed:
     * {@code try (var ignored = Autograd.noGrad()) { ... }}. Closing it throws nothing, so the
     * block needs no catch clause.
     */
    public static GradMode noGrad() {
        return GradMode.set(false);
    }

    /** The same as {@link #noGrad()}: the name it had when {@code noGrad()} returned an {@link AutoCloseable}. */
    public static GradMode noGradScope() {
        return noGrad();
    }

    /** Turns recording on again inside a no-grad region (used by gradient-of-gradient code). */
    public static GradMode enableGrad() {
        return GradMode.set(true);
    }

    /**
     * Turns anomaly detection on for this thread: every recorded op checks its output for NaN or
     * infinity and throws an {@link ArithmeticException} naming the op. Slow; for debugging.
     */
    public static GradMode detectAnomaly() {
        return GradMode.anomaly(true);
    }

    /**
     * Computes {@code d(sum of outputs[i] * gradOutputs[i]) / d inputs[j]} without touching
     * any {@code .grad}.
     *
     * @param outputs tensors to differentiate
     * @param gradOutputs seeds, one per output; a {@code null} entry means ones (scalar outputs only)
     * @param inputs tensors to differentiate with respect to (leaves or intermediate results)
     * @param retainGraph keep the graph so it can be differentiated again (implied by {@code createGraph})
     * @param createGraph record the backward pass itself, for higher-order derivatives
     * @return one gradient per input; an input the outputs do not depend on gets zeros
     */
    public static Tensor[] grad(Tensor[] outputs, Tensor[] gradOutputs, Tensor[] inputs, boolean retainGraph,
            boolean createGraph) {
        for (Tensor in : inputs) {
            if (!in.requiresGrad()) {
                throw new IllegalArgumentException("Autograd.grad: an input of shape " + in.shape()
                        + " does not require grad");
            }
        }
        Tensor[] seeds = seeds("Autograd.grad", outputs, gradOutputs);
        Tensor[] grads = Engine.run(outputs, seeds, inputs, retainGraph, createGraph);
        for (int i = 0; i < grads.length; i++) {
            if (grads[i] == null) {
                grads[i] = Tensor.zeros(inputs[i].dtype(), inputs[i].device(), inputs[i].shape().toArray());
            }
        }
        return grads;
    }

    /** {@link #grad(Tensor[], Tensor[], Tensor[], boolean, boolean)} for one scalar output. */
    public static Tensor[] grad(Tensor output, Tensor... inputs) {
        return grad(new Tensor[] {output}, null, inputs, false, false);
    }

    /**
     * Accumulates gradients of {@code root} into the {@code .grad} of every leaf that requires
     * one. Called by {@link Tensor#backward()}.
     */
    public static void backward(Tensor root, Tensor seed, boolean retainGraph, boolean createGraph) {
        if (!root.requiresGrad()) {
            throw new IllegalStateException("backward: the tensor of shape " + root.shape()
                    + " does not require grad and has no grad function (was it computed under noGrad or from detached inputs?)");
        }
        Tensor[] seeds = seeds("backward", new Tensor[] {root}, seed == null ? null : new Tensor[] {seed});
        Tensor[] leaves = Engine.run(new Tensor[] {root}, seeds, null, retainGraph, createGraph);
        if (leaves.length > 0) {
            List<Tensor> reached = List.of(leaves);
            for (GradientListener listener : LISTENERS) {
                listener.gradientsAccumulated(reached);
            }
        }
    }

    /**
     * Calls {@code listener} on the thread that ran it after every {@link #backward} pass, with the
     * leaves whose {@code .grad} it changed; what the listener throws comes out of {@code backward}.
     * Distributed data parallelism uses it to average gradients across processes once they are
     * complete, so the training loop around it (clipping, optimizers) needs no change.
     */
    public static void addGradientListener(GradientListener listener) {
        LISTENERS.add(java.util.Objects.requireNonNull(listener, "addGradientListener: listener"));
    }

    /** Stops calling {@code listener}; a listener that was not added is ignored. */
    public static void removeGradientListener(GradientListener listener) {
        LISTENERS.remove(listener);
    }

    private static Tensor[] seeds(String op, Tensor[] outputs, Tensor[] gradOutputs) {
        Tensor[] seeds = new Tensor[outputs.length];
        for (int i = 0; i < outputs.length; i++) {
            Tensor out = outputs[i];
            Tensor g = gradOutputs == null ? null : gradOutputs[i];
            if (g == null) {
                if (out.numel() != 1) {
                    throw new IllegalArgumentException(op + ": a gradient seed is required for a non-scalar output of shape "
                            + out.shape() + " (pass one of the same shape)");
                }
                g = Tensor.onesLike(out);
            } else if (!g.shape().equals(out.shape())) {
                throw new IllegalArgumentException(op + ": seed gradient shape " + g.shape()
                        + " does not match output shape " + out.shape());
            }
            seeds[i] = g;
        }
        return seeds;
    }
}
