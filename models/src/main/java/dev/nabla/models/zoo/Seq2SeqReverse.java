package dev.nabla.models.zoo;

import dev.nabla.DType;
import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;
import dev.nabla.models.data.SequenceSet;
import dev.nabla.models.data.SequenceTask;
import dev.nabla.models.data.TokenVocabulary;
import dev.nabla.models.nets.AttentionSeq2Seq;
import dev.nabla.models.train.Batches;
import dev.nabla.models.train.Samples;
import dev.nabla.models.train.Session;
import dev.nabla.nn.SequenceLosses;
import dev.nabla.nn.decoding.BeamSearch;
import dev.nabla.nn.decoding.Decoding;
import dev.nabla.optim.Adam;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sequence reversal with an attention encoder-decoder ({@link AttentionSeq2Seq}): a GRU encoder, a
 * GRU-cell decoder with Bahdanau attention, teacher forcing in training; held-out problems are
 * decoded greedily (the whole test set, batched) and by beam search through a
 * {@code SequenceScorer} whose state is the decoder hidden state (a subset, one problem at a time).
 */
final class Seq2SeqReverse implements ZooModel {

    private static final int WIDTH = 8;
    private static final int TRAIN_PROBLEMS = 10_000;
    private static final int TEST_PROBLEMS = 500;
    private static final int BEAM_PROBLEMS = 100;
    private static final int BEAM_WIDTH = 4;
    private static final double CLIP_NORM = 1.0;
    private static final int DEFAULT_SAMPLES = 6;

    @Override
    public String name() {
        return "seq2seq-reverse";
    }

    @Override
    public String description() {
        return "GRU encoder + GRU-cell decoder with Bahdanau attention (hidden 64) reversing 8 digits; greedy and beam exact match";
    }

    @Override
    public Defaults defaults() {
        return new Defaults(3, 64, 3e-3, "Adam, gradient clipping 1.0, teacher forcing");
    }

    @Override
    public Session open(TrainOptions options) {
        SequenceTask.Split split = SequenceTask.REVERSE.split(TRAIN_PROBLEMS, TEST_PROBLEMS, WIDTH, options.seed());
        AttentionSeq2Seq net = new AttentionSeq2Seq(TokenVocabulary.SIZE, 32, 64);
        net.to(options.device());
        return new ReverseSession(net, split, options);
    }

    /**
     * One problem set as tensors: sources {@code [N, L]}, decoder inputs {@code ^ target} and
     * decoder outputs {@code target $}, both {@code [N, T + 1]}.
     */
    private record Rows(Tensor sources, Tensor inputs, Tensor outputs) {

        static Rows of(SequenceSet set, TrainOptions options) {
            int n = set.count();
            int t = set.targetLength();
            int[] inputs = new int[n * (t + 1)];
            int[] outputs = new int[n * (t + 1)];
            for (int i = 0; i < n; i++) {
                inputs[i * (t + 1)] = TokenVocabulary.BOS;
                System.arraycopy(set.targets(), i * t, inputs, i * (t + 1) + 1, t);
                System.arraycopy(set.targets(), i * t, outputs, i * (t + 1), t);
                outputs[i * (t + 1) + t] = TokenVocabulary.EOS;
            }
            return new Rows(Tensor.ofIndices(set.sources(), n, set.sourceLength()).to(options.device()),
                    Tensor.ofIndices(inputs, n, t + 1).to(options.device()),
                    Tensor.ofIndices(outputs, n, t + 1).to(options.device()));
        }

        Rows select(Tensor index) {
            return new Rows(sources.indexSelect(0, index), inputs.indexSelect(0, index), outputs.indexSelect(0, index));
        }
    }

    /** Teacher-forced training, greedy and beam evaluation. */
    private static final class ReverseSession extends ZooSession {

        private final AttentionSeq2Seq net;
        private final SequenceSet test;
        private final Rows train;
        private final Rows testRows;
        private final Batches batches;

        ReverseSession(AttentionSeq2Seq net, SequenceTask.Split split, TrainOptions options) {
            this(net, split, options, new Batches(split.train().count(), options.batchSize(), options.seed(), options.device()));
        }

        private ReverseSession(AttentionSeq2Seq net, SequenceTask.Split split, TrainOptions options, Batches batches) {
            super(net, List.of(new Adam(net.parameters(), Adam.options(options.lr()))), batches.perEpoch());
            this.net = net;
            this.test = split.test();
            this.train = Rows.of(split.train(), options);
            this.testRows = Rows.of(test, options);
            this.batches = batches;
        }

        @Override
        public double trainStep(int epoch, int step) {
            return minimise(optimizer(0), loss(train.select(batches.tensor(epoch, step))), net, CLIP_NORM);
        }

        private Tensor loss(Rows rows) {
            return SequenceLosses.crossEntropy(net.teacherForced(rows.sources(), rows.inputs()), rows.outputs(), TokenVocabulary.PAD);
        }

        @Override
        public Map<String, Double> evaluate() {
            Map<String, Double> metrics = new LinkedHashMap<>();
            try (GradMode ignored = Autograd.noGradScope()) {
                metrics.put("test_loss", loss(testRows).item());
            }
            int t = test.targetLength();
            Tensor greedy = net.greedy(testRows.sources(), TokenVocabulary.BOS, t);
            Tensor rowsRight = greedy.eq(testRows.outputs().narrow(1, 0, t)).min(new int[] {1}, false).to(DType.FLOAT64);
            metrics.put("greedy_exact_match", rowsRight.mean().item());
            int beamRows = Math.min(BEAM_PROBLEMS, test.count());
            metrics.put("greedy_exact_match_beam_subset", rowsRight.narrow(0, 0, beamRows).mean().item());
            metrics.put("beam_exact_match", beamExactMatch(beamRows));
            return metrics;
        }

        /** Beam search on the first {@code count} test problems, one at a time; the best hypothesis must equal the answer. */
        private double beamExactMatch(int count) {
            BeamSearch beam = new BeamSearch(BEAM_WIDTH, test.targetLength() + 1, 0);
            int right = 0;
            for (int i = 0; i < count; i++) {
                int[] best = beam.search(net.scorer(testRows.sources().narrow(0, i, 1)), TokenVocabulary.BOS, TokenVocabulary.EOS)
                        .get(0).tokens();
                right += Arrays.equals(best, expected(i)) ? 1 : 0;
            }
            return (double) right / count;
        }

        /** The answer of test problem {@code i} followed by the end token. */
        private int[] expected(int i) {
            int t = test.targetLength();
            int[] answer = Arrays.copyOfRange(test.targets(), i * t, i * t + t + 1);
            answer[t] = TokenVocabulary.EOS;
            return answer;
        }

        /** Decodes the first test problems greedily and by beam search. */
        @Override
        public Optional<Samples> sample(int count) {
            int shown = Math.min(count > 0 ? count : DEFAULT_SAMPLES, test.count());
            BeamSearch beam = new BeamSearch(BEAM_WIDTH, test.targetLength() + 1, 0);
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < shown; i++) {
                Tensor source = testRows.sources().narrow(0, i, 1);
                int[] greedy = Decoding.greedy(net.scorer(source), TokenVocabulary.BOS, TokenVocabulary.EOS, test.targetLength() + 1);
                int[] best = beam.search(net.scorer(source), TokenVocabulary.BOS, TokenVocabulary.EOS).get(0).tokens();
                lines.add(test.text(i) + "  greedy " + TokenVocabulary.decode(greedy) + "  beam " + TokenVocabulary.decode(best)
                        + (Arrays.equals(best, expected(i)) ? "  right" : "  wrong"));
            }
            return Optional.of(Samples.text(lines));
        }
    }
}
