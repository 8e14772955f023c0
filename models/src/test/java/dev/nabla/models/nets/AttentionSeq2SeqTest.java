package dev.nabla.models.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;
import dev.nabla.nn.Functional;
import dev.nabla.nn.decoding.BeamSearch;
import dev.nabla.nn.decoding.Decoding;
import org.junit.jupiter.api.Test;

/**
 * The attention encoder-decoder's three decoding paths (teacher forcing, batched greedy, the
 * one-row scorer used by beam search) must agree with one another on an untrained network.
 */
class AttentionSeq2SeqTest {

    private static final int VOCABULARY = 7;
    private static final int END = 6;

    private static AttentionSeq2Seq net() {
        Generator.manualSeed(11);
        return new AttentionSeq2Seq(VOCABULARY, 5, 8);
    }

    @Test
    void teacherForcedLogitsHaveOneRowPerTargetStep() {
        Tensor source = Tensor.ofIndices(new int[] {1, 2, 3, 4, 5, 0, 1, 2, 3, 4}, 2, 5);
        Tensor inputs = Tensor.ofIndices(new int[] {0, 1, 2, 0, 3, 4}, 2, 3);
        assertEquals("[2, 3, 7]", net().teacherForced(source, inputs).shape().toString());
    }

    @Test
    void scorerMatchesTeacherForcingAndBatchedGreedy() {
        AttentionSeq2Seq net = net();
        Tensor source = Tensor.ofIndices(new int[] {3, 1, 4, 1, 5}, 1, 5);
        int[] batched = net.greedy(source, 0, 4).toIntArray();
        int[] viaScorer = Decoding.greedy(net.scorer(source), 0, -1, 4);
        assertArrayEquals(batched, viaScorer);
        // teacher forcing on the greedy output reproduces the scorer's log-probabilities step by step
        int[] inputs = {0, batched[0], batched[1], batched[2]};
        Tensor logits;
        try (GradMode ignored = Autograd.noGradScope()) {
            logits = Functional.logSoftmax(net.teacherForced(source, Tensor.ofIndices(inputs, 1, 4)), 2);
        }
        var scorer = net.scorer(source);
        Tensor state = scorer.initialState();
        for (int t = 0; t < 4; t++) {
            var step = scorer.step(state, inputs[t]);
            double[] expected = logits.select(1, t).reshape(-1).toDoubleArray();
            for (int v = 0; v < VOCABULARY; v++) {
                assertEquals(expected[v], step.logProbs()[v], 1e-5, "step " + t + " token " + v);
            }
            state = step.state();
        }
    }

    @Test
    void beamOfWidthOneIsGreedy() {
        AttentionSeq2Seq net = net();
        Tensor source = Tensor.ofIndices(new int[] {2, 5, 1, 3}, 1, 4);
        int[] greedy = Decoding.greedy(net.scorer(source), 0, END, 5);
        assertArrayEquals(greedy, new BeamSearch(1, 5, 0).search(net.scorer(source), 0, END).get(0).tokens());
    }

    @Test
    void scorerRefusesABatch() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net().scorer(Tensor.ofIndices(new int[] {1, 2, 3, 4}, 2, 2)));
        assertEquals(true, e.getMessage().contains("[2, 2]"), e.getMessage());
    }
}
