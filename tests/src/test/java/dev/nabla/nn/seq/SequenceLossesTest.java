package dev.nabla.nn.seq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.nn.SequenceLosses;
import dev.nabla.nn.rnn.LSTM;
import dev.nabla.nn.rnn.RecurrentOptions;
import dev.nabla.optim.Adam;
import dev.nabla.optim.GradClip;
import org.junit.jupiter.api.Test;

class SequenceLossesTest {

    @Test
    void paddedPositionsAreIgnoredAndTheMeanIsPerRealToken() {
        // two sequences, vocabulary 3, pad id 0; logits chosen so that log-softmax is easy to write down
        Tensor logits = Tensor.of(new double[] {
            0, 0, 0, /* */ Math.log(2), 0, 0, /* */ 5, 5, 5,
            0, Math.log(3), 0, /* */ 9, 9, 9, /* */ 9, 9, 9}, 2, 3, 3);
        Tensor targets = Tensor.of(new long[] {1, 0, 0, 1, 0, 0}, 2, 3);
        // real tokens: (0,0) target 1: -log(1/3); (1,0) target 1: -log(3/5); position (0,1) has target 0 = pad
        double expected = (Math.log(3) - Math.log(3.0 / 5)) / 2;
        Tensor loss = SequenceLosses.crossEntropy(logits, targets, 0);
        assertEquals(expected, loss.item(), 1e-12);
        assertEquals(Math.exp(expected), SequenceLosses.perplexity(loss.item()), 1e-12);
        var shape = assertThrows(IllegalArgumentException.class,
                () -> SequenceLosses.crossEntropy(logits, Tensor.of(new long[] {1, 0}, 2, 1), 0));
        assertTrue(shape.getMessage().contains("expected logits [B, T, V] and targets [B, T]"));
    }

    @Test
    void gradientClippingKeepsAnLstmLanguageModelStepBounded() {
        Generator.manualSeed(3);
        LSTM lstm = new LSTM(RecurrentOptions.of(4, 8).withBatchFirst(true));
        dev.nabla.nn.Linear head = new dev.nabla.nn.Linear(8, 5);
        var params = new java.util.ArrayList<>(lstm.parameters());
        params.addAll(head.parameters());
        Adam adam = new Adam(params, Adam.options(1e-2));
        Tensor x = Tensor.randn(3, 6, 4).mul(50);
        Tensor y = Tensor.randint(1, 5, 3, 6);
        Tensor loss = SequenceLosses.crossEntropy(head.forward(lstm.forward(x)).mul(100), y, 0);
        adam.zeroGrad();
        loss.backward();
        double before = GradClip.clipGradNorm(params, 1.0);
        double after = 0;
        for (var p : params) {
            after += p.grad().mul(p.grad()).sum().item();
        }
        assertTrue(before > 1.0, "the huge logits make a large gradient: " + before);
        assertEquals(1.0, Math.sqrt(after), 1e-4);
        adam.step();
    }
}
