package dev.nabla.nn.attention;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Parameter;

/** Bahdanau's additive attention: {@code score(q, k) = vᵀ tanh(W_q q + W_k k)}. */
public class AdditiveAttention extends SequenceAttention {

    private final Linear queryLayer;
    private final Linear keyLayer;
    private final Parameter v;

    /** Scores queries of size {@code queryDim} against keys of size {@code keyDim} through {@code hidden} units. */
    public AdditiveAttention(int queryDim, int keyDim, int hidden) {
        queryLayer = registerModule("query_layer", new Linear(queryDim, hidden, false));
        keyLayer = registerModule("key_layer", new Linear(keyDim, hidden, false));
        double bound = 1.0 / Math.sqrt(hidden);
        v = registerParameter("v", Tensor.uniform(Generator.global(), -bound, bound, DType.FLOAT32, Device.best(), hidden));
    }

    @Override
    protected Tensor scores(Tensor query, Tensor keys) {
        Tensor e = keyLayer.forward(keys).add(queryLayer.forward(query).unsqueeze(1)).tanh();
        return e.matmul(v.get());
    }
}
