package dev.nabla.nn.transformer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;
import dev.nabla.models.data.SequenceSet;
import dev.nabla.models.data.SequenceTask;
import dev.nabla.models.data.TokenVocabulary;
import dev.nabla.nn.Functional;
import dev.nabla.optim.Adam;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A tiny decoder-only Transformer learns to reverse 4-digit sequences it has never seen. */
class TransformerLearnsReversalTest {

    private static final int WIDTH = 4;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void reachesNinetyFivePercentExactMatchOnHeldOutSequences() {
        Generator.manualSeed(17);
        SequenceTask.Split split = SequenceTask.REVERSE.split(3000, 200, WIDTH, 17);
        SequenceSet train = split.train();
        int length = train.decoderLength();
        int vocabulary = TokenVocabulary.SYMBOLS.length();
        DecoderOnlyTransformer model = new DecoderOnlyTransformer(vocabulary, length,
                new TransformerConfig(48, 4, 96, 0, true, FeedForwardActivation.GELU), 2);
        Adam adam = new Adam(model.parameters(), Adam.options(3e-3));
        Tensor all = Tensor.ofIndices(train.decoderTokens(), train.count(), length);
        int answer = train.answerStart();
        long start = System.nanoTime();
        int batch = 64;
        Generator order = new Generator(5);
        for (int step = 0; step < 300; step++) {
            Tensor rows = Tensor.randint(order, 0, train.count(), all.device(), batch);
            Tensor seq = all.indexSelect(0, rows);
            Tensor input = seq.narrow(1, 0, length - 1);
            Tensor target = seq.narrow(1, 1, length - 1);
            // only the answer (and end) tokens carry loss
            Tensor logits = model.forward(input).narrow(1, answer - 1, length - answer);
            Tensor loss = Functional.crossEntropy(logits.reshape(-1, vocabulary),
                    target.narrow(1, answer - 1, length - answer).reshape(-1));
            adam.zeroGrad();
            loss.backward();
            adam.step();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double accuracy = exactMatch(model, split.test(), length, answer);
        System.out.printf("transformer reversal: exact match %.3f after %.1f s of training%n", accuracy, seconds);
        assertTrue(accuracy >= 0.95, "exact match " + accuracy);
    }

    /** Greedy decoding of every answer token; a row counts only if all of them are right. */
    private static double exactMatch(DecoderOnlyTransformer model, SequenceSet test, int length, int answer) {
        model.eval();
        try (GradMode ignored = Autograd.noGradScope()) {
            Tensor seq = Tensor.ofIndices(test.decoderTokens(), test.count(), length);
            Tensor generated = seq.narrow(1, 0, answer).contiguous();
            for (int t = answer; t < length - 1; t++) {
                Tensor next = model.forward(generated).select(1, t - 1).argmax(1, true);
                generated = Tensor.cat(1, generated, next);
            }
            Tensor expected = seq.narrow(1, answer, length - 1 - answer);
            Tensor got = generated.narrow(1, answer, length - 1 - answer);
            Tensor rowsRight = got.eq(expected).min(new int[] {1}, false);
            return rowsRight.to(DType.FLOAT64).mean().item();
        }
    }
}
