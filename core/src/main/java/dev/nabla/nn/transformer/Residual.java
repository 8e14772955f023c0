package dev.nabla.nn.transformer;

import dev.nabla.Tensor;
import dev.nabla.nn.Functional;
import dev.nabla.nn.LayerNorm;
import java.util.function.UnaryOperator;

/** The residual wiring around a sub-layer, pre-norm {@code x + f(norm(x))} or post-norm {@code norm(x + f(x))}. */
final class Residual {

    private Residual() {
    }

    static Tensor apply(Tensor x, LayerNorm norm, boolean preNorm, double dropout, boolean training,
            UnaryOperator<Tensor> sublayer) {
        if (preNorm) {
            return x.add(Functional.dropout(sublayer.apply(norm.forward(x)), dropout, training));
        }
        return norm.forward(x.add(Functional.dropout(sublayer.apply(x), dropout, training)));
    }
}
