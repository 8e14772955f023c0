package dev.nabla.nn;

import dev.nabla.Tensor;
import dev.nabla.backend.fast.FusedActivation;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies its children in order; they are named "0", "1", ... in the state dict. A {@link Linear},
 * {@link Conv1d} or {@link Conv2d} followed by {@link Activation#relu()}, {@link Activation#tanh()} or
 * {@link Activation#sigmoid()} runs as one bias-and-activation step (same values; see
 * {@link Functional#biasActivation}).
 */
public class Sequential extends Module {

    private final List<Module> layers = new ArrayList<>();

    /** A pipeline of the given modules. */
    public Sequential(Module... modules) {
        for (Module m : modules) {
            add(m);
        }
    }

    /** Appends a module; returns this. */
    public Sequential add(Module module) {
        layers.add(registerModule(Integer.toString(layers.size()), module));
        return this;
    }

    /** The module at position {@code i}. */
    public Module get(int i) {
        return layers.get(i);
    }

    /** The number of modules. */
    public int size() {
        return layers.size();
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor x = input;
        for (int i = 0; i < layers.size(); i++) {
            Module m = layers.get(i);
            FusedActivation next = i + 1 < layers.size() && layers.get(i + 1) instanceof Activation a ? a.fused() : null;
            if (next != null && m instanceof ActivationFusible layer && layer.fusesActivation()) {
                x = layer.forwardActivated(x, next);
                i++;
            } else {
                x = m.forward(x);
            }
        }
        return x;
    }
}
