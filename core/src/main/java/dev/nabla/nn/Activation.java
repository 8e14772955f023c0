package dev.nabla.nn;

import dev.nabla.Tensor;
import java.util.function.UnaryOperator;

/** A parameter-free elementwise module wrapping a function; see the factories for the common ones. */
public class Activation extends Module {

    private final String name;
    private final UnaryOperator<Tensor> fn;

    /** An activation with a display name and its function. */
    public Activation(String name, UnaryOperator<Tensor> fn) {
        this.name = name;
        this.fn = fn;
    }

    /** max(x, 0). */
    public static Activation relu() {
        return new Activation("ReLU", Tensor::relu);
    }

    /** tanh(x). */
    public static Activation tanh() {
        return new Activation("Tanh", Tensor::tanh);
    }

    /** 1 / (1 + e^-x). */
    public static Activation sigmoid() {
        return new Activation("Sigmoid", Tensor::sigmoid);
    }

    @Override
    public Tensor forward(Tensor input) {
        return fn.apply(input);
    }

    @Override
    public String toString() {
        return name + "()";
    }
}
