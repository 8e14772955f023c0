package dev.nabla.models.zoo;

import dev.nabla.DType;
import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;
import dev.nabla.models.data.SequenceSet;
import dev.nabla.models.data.SequenceTask;
import dev.nabla.models.data.TokenVocabulary;
import dev.nabla.models.train.Batches;
import dev.nabla.models.train.Samples;
import dev.nabla.models.train.Session;
import dev.nabla.nn.Functional;
import dev.nabla.nn.decoding.Decoding;
import dev.nabla.nn.transformer.DecoderOnlyTransformer;
import dev.nabla.nn.transformer.FeedForwardActivation;
import dev.nabla.nn.transformer.TransformerConfig;
import dev.nabla.optim.Adam;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A GPT-style decoder-only Transformer that learns 3-digit addition from {@code ^a+b=sum$} rows:
 * the loss covers only the answer and end tokens, and the held-out problems (never seen in
 * training) are solved by greedy decoding. The sum is written least significant digit first
 * ({@code ^123+456=9750$}), the order in which carries are computed, so each answer digit depends
 * on two operand digits and the answer digits before it; with the usual order the first digit
 * needs the whole carry chain at once and a model this small learns far more slowly.
 */
final class GptAddition implements ZooModel {

    private static final int WIDTH = 3;
    private static final int TRAIN_PROBLEMS = 20_000;
    private static final int TEST_PROBLEMS = 1_000;
    private static final double CLIP_NORM = 1.0;
    private static final int DEFAULT_SAMPLES = 8;

    @Override
    public String name() {
        return "gpt-addition";
    }

    @Override
    public String description() {
        return "decoder-only Transformer (d 64, 4 heads, 2 blocks) on 3-digit addition; greedy exact match on unseen problems";
    }

    @Override
    public Defaults defaults() {
        return new Defaults(8, 64, 2e-3, "Adam, gradient clipping 1.0; loss on answer tokens only");
    }

    @Override
    public Session open(TrainOptions options) {
        SequenceTask.Split split = SequenceTask.ADDITION.split(TRAIN_PROBLEMS, TEST_PROBLEMS, WIDTH, options.seed());
        DecoderOnlyTransformer net = new DecoderOnlyTransformer(TokenVocabulary.SIZE, split.train().decoderLength(),
                new TransformerConfig(64, 4, 256, 0, true, FeedForwardActivation.GELU), 2);
        net.to(options.device());
        return new AdditionSession(net, split, options);
    }

    /** Training on the answer tokens and greedy evaluation. */
    private static final class AdditionSession extends ZooSession {

        private final DecoderOnlyTransformer net;
        private final SequenceSet test;
        private final Tensor trainRows;
        private final Tensor testRows;
        private final Batches batches;
        private final int length;
        private final int answer;

        AdditionSession(DecoderOnlyTransformer net, SequenceTask.Split split, TrainOptions options) {
            this(net, split, options, new Batches(split.train().count(), options.batchSize(), options.seed(), options.device()));
        }

        private AdditionSession(DecoderOnlyTransformer net, SequenceTask.Split split, TrainOptions options, Batches batches) {
            super(net, List.of(new Adam(net.parameters(), Adam.options(options.lr()))), batches.perEpoch());
            this.net = net;
            this.test = split.test();
            this.length = test.decoderLength();
            this.answer = test.answerStart();
            this.trainRows = rows(split.train(), options);
            this.testRows = rows(test, options);
            this.batches = batches;
        }

        private static Tensor rows(SequenceSet set, TrainOptions options) {
            return Tensor.ofIndices(reversedAnswers(set), set.count(), set.decoderLength()).to(options.device());
        }

        /** The decoder rows of {@code set} with each answer's digits in reverse order. */
        private static int[] reversedAnswers(SequenceSet set) {
            int[] tokens = set.decoderTokens();
            for (int row = 0; row < tokens.length; row += set.decoderLength()) {
                reverse(tokens, row + set.answerStart(), set.targetLength());
            }
            return tokens;
        }

        private static void reverse(int[] values, int from, int length) {
            for (int i = from, j = from + length - 1; i < j; i++, j--) {
                int swap = values[i];
                values[i] = values[j];
                values[j] = swap;
            }
        }

        @Override
        public double trainStep(int epoch, int step) {
            return minimise(optimizer(0), answerLoss(trainRows.indexSelect(0, batches.tensor(epoch, step))), net, CLIP_NORM);
        }

        /** Cross-entropy of predicting the answer and end tokens, each from the tokens before it. */
        private Tensor answerLoss(Tensor seq) {
            int predicted = length - answer;
            Tensor logits = net.forward(seq.narrow(1, 0, length - 1)).narrow(1, answer - 1, predicted);
            Tensor target = seq.narrow(1, answer, predicted);
            return Functional.crossEntropy(logits.reshape(-1, TokenVocabulary.SIZE), target.reshape(-1));
        }

        @Override
        public Map<String, Double> evaluate() {
            Map<String, Double> metrics = new LinkedHashMap<>();
            try (GradMode ignored = Autograd.noGradScope()) {
                metrics.put("test_loss", answerLoss(testRows).item());
                metrics.put("test_exact_match", exactMatch());
            }
            return metrics;
        }

        /** Greedy decoding of all test problems at once; a problem counts only when every answer digit is right. */
        private double exactMatch() {
            Tensor generated = testRows.narrow(1, 0, answer).contiguous();
            int digits = test.targetLength();
            for (int t = answer; t < answer + digits; t++) {
                Tensor next = net.forward(generated).select(1, t - 1).argmax(1, true);
                generated = Tensor.cat(1, generated, next);
            }
            Tensor right = generated.narrow(1, answer, digits).eq(testRows.narrow(1, answer, digits));
            return right.min(new int[] {1}, false).to(DType.FLOAT64).mean().item();
        }

        /** Solves the first test problems one at a time through the model's {@code SequenceScorer}. */
        @Override
        public Optional<Samples> sample(int count) {
            int[] tokens = reversedAnswers(test);
            int shown = Math.min(count > 0 ? count : DEFAULT_SAMPLES, test.count());
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < shown; i++) {
                int[] prompt = Arrays.copyOfRange(tokens, i * length, i * length + answer);
                int[] out = Decoding.greedy(net.scorer(prompt), prompt[answer - 1], TokenVocabulary.EOS, test.targetLength() + 1);
                reverse(out, 0, Math.min(out.length, test.targetLength()));
                String got = TokenVocabulary.decode(prompt, 1, answer - 1) + TokenVocabulary.decode(out);
                lines.add(got + (got.startsWith(test.text(i)) ? "  right" : "  wrong, expected " + test.text(i)));
            }
            return Optional.of(Samples.text(lines));
        }
    }
}
