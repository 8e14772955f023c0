package dev.nabla.nn.attention;

import dev.nabla.Tensor;

/** Luong's dot attention: {@code score(q, k) = qᵀ k} (query and key sizes equal). */
public class DotAttention extends SequenceAttention {

    @Override
    protected Tensor scores(Tensor query, Tensor keys) {
        if (query.size(1) != keys.size(2)) {
            throw new IllegalArgumentException("DotAttention: query size " + query.size(1) + " must equal key size "
                    + keys.size(2));
        }
        return keys.matmul(query.unsqueeze(2)).squeeze(2);
    }
}
