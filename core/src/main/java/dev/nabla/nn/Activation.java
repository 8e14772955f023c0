package dev.nabla.nn;

import dev.nabla.Tensor;
import dev.nabla.backend.fast.FusedActivation;
import java.util.function.UnaryOperator;

/**
 * A parameter-free elementwise module wrapping a function; see the factories for the common ones.
 * ReLU, tanh and sigmoid from the factories can fuse with the bias of a {@link Linear},
 * {@link Conv1d} or {@link Conv2d} just before them in a {@link Sequential}.
 */
public class Activation extends Module {

    private final String name;
    private final UnaryOperator<Tensor> fn;
    /** The fusable kind, or null. */
    private final FusedActivation fused;

    /** An activation with a display name and its function. */
    public Activation(String name, UnaryOperator<Tensor> fn) {
        this(name, fn, null);
    }

    private Activation(String name, FusedActivation fused) {
        this(name, x -> BiasActivation.activate(x, fused), fused);
    }

    private Activation(String name, UnaryOperator<Tensor> fn, FusedActivation fused) {
        this.name = name;
        this.fn = fn;
        this.fused = fused;
    }

    /** max(x, 0). */
    public static Activation relu() {
        return new Activation("ReLU", FusedActivation.RELU);
    }

    /** tanh(x). */
    public static Activation tanh() {
        return new Activation("Tanh", FusedActivation.TANH);
    }

    /** 1 / (1 + e^-x). */
    public static Activation sigmoid() {
        return new Activation("Sigmoid", FusedActivation.SIGMOID);
    }

    /** The kind a preceding layer may fuse with its bias, or null when this activation is not one of them. */
    FusedActivation fused() {
        return fused;
    }

    /** {@code x > 0 ? x : slope·x}. */
    public static Activation leakyRelu(double slope) {
        return new Activation("LeakyReLU(" + slope + ")", x -> Activations.leakyRelu(x, slope));
    }

    /** Leaky ReLU with PyTorch's default slope 0.01. */
    public static Activation leakyRelu() {
        return leakyRelu(0.01);
    }

    /** {@code x > 0 ? x : alpha·(e^x - 1)}. */
    public static Activation elu(double alpha) {
        return new Activation("ELU(" + alpha + ")", x -> Activations.elu(x, alpha));
    }

    /** ELU with alpha 1. */
    public static Activation elu() {
        return elu(1);
    }

    /** The exact (erf) GELU. */
    public static Activation gelu() {
        return new Activation("GELU", Activations::gelu);
    }

    /** GELU's tanh approximation. */
    public static Activation geluTanh() {
        return new Activation("GELU(tanh)", Activations::geluTanh);
    }

    /** {@code x·sigmoid(x)}. */
    public static Activation silu() {
        return new Activation("SiLU", Activations::silu);
    }

    /** {@code log(1 + e^(beta·x)) / beta}, linear above {@code threshold}. */
    public static Activation softplus(double beta, double threshold) {
        return new Activation("Softplus(beta=" + beta + ", threshold=" + threshold + ")",
                x -> Activations.softplus(x, beta, threshold));
    }

    /** Softplus with PyTorch's defaults beta 1, threshold 20. */
    public static Activation softplus() {
        return softplus(1, 20);
    }

    /** Softmax along {@code dim}. */
    public static Activation softmax(int dim) {
        return new Activation("Softmax(dim=" + dim + ")", x -> Functional.softmax(x, dim));
    }

    /** Log-softmax along {@code dim}. */
    public static Activation logSoftmax(int dim) {
        return new Activation("LogSoftmax(dim=" + dim + ")", x -> Functional.logSoftmax(x, dim));
    }

    @Override
    public Tensor forward(Tensor input) {
        return fn.apply(input);
    }

    @Override
    public String toString() {
        return name.contains("(") ? name : name + "()";
    }
}
