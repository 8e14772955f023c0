package dev.nabla.nn.attention;

import dev.nabla.Tensor;
import dev.nabla.nn.Linear;

/** Luong's general (bilinear) attention: {@code score(q, k) = qᵀ W k}. */
public class BilinearAttention extends SequenceAttention {

    private final Linear w;

    /** Scores queries of size {@code queryDim} against keys of size {@code keyDim}. */
    public BilinearAttention(int queryDim, int keyDim) {
        w = registerModule("w", new Linear(keyDim, queryDim, false));
    }

    @Override
    protected Tensor scores(Tensor query, Tensor keys) {
        return w.forward(keys).matmul(query.unsqueeze(2)).squeeze(2);
    }
}
