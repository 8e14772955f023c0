package dev.nabla.models.nets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.nn.transformer.TransformerConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Shapes, bidirectional context and the encoder-only weight transfer of the BERT-style encoder. */
class MaskedTokenEncoderTest {

    private static MaskedTokenEncoder net(long seed) {
        Generator.manualSeed(seed);
        return new MaskedTokenEncoder(9, 6, new TransformerConfig(8, 2, 16, 0, true), 1, 3);
    }

    @Test
    void headsGiveTokenAndClassLogits() {
        MaskedTokenEncoder net = net(1);
        Tensor ids = Tensor.ofIndices(new int[] {1, 2, 3, 4, 5, 6, 1, 8, 8, 8, 0, 0}, 2, 6);
        assertEquals("[2, 6, 9]", net.forward(ids).shape().toString());
        assertEquals("[2, 3]", net.classify(ids).shape().toString());
    }

    @Test
    void firstPositionSeesTheLastToken() {
        MaskedTokenEncoder net = net(2);
        Tensor a = net.classify(Tensor.ofIndices(new int[] {1, 2, 3, 4, 5, 6}, 1, 6));
        Tensor b = net.classify(Tensor.ofIndices(new int[] {1, 2, 3, 4, 5, 7}, 1, 6));
        assertFalse(a.allClose(b, 0, 1e-6), "the encoder must not be causal");
    }

    @Test
    void loadEncoderFromCopiesTheEncoderButNotTheHeads() {
        MaskedTokenEncoder source = net(3);
        MaskedTokenEncoder target = net(4);
        Map<String, Tensor> before = target.stateDict();
        target.loadEncoderFrom(source);
        Map<String, Tensor> from = source.stateDict();
        target.stateDict().forEach((name, value) -> {
            boolean head = name.startsWith("token_head") || name.startsWith("class_head");
            Tensor expected = head ? before.get(name) : from.get(name);
            assertTrue(value.allClose(expected, 0, 0), name + (head ? " must keep its own value" : " must be copied"));
        });
        assertFalse(target.stateDict().get("class_head.weight").allClose(from.get("class_head.weight"), 0, 1e-6));
    }
}
