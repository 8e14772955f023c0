package dev.nabla.models.zoo;

import dev.nabla.DType;
import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;
import dev.nabla.models.data.TokenVocabulary;
import dev.nabla.models.data.UnigramBaseline;
import dev.nabla.models.nets.MaskedTokenEncoder;
import dev.nabla.models.train.Batches;
import dev.nabla.models.train.Session;
import dev.nabla.nn.Functional;
import dev.nabla.nn.Module;
import dev.nabla.nn.SequenceLosses;
import dev.nabla.nn.transformer.FeedForwardActivation;
import dev.nabla.nn.transformer.TransformerConfig;
import dev.nabla.optim.Adam;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * BERT-style pre-training and fine-tuning on digit sequences. Every epoch but the last trains an
 * encoder-only Transformer to recover 15% of the digits replaced by a {@code [MASK]} token, on
 * unlabelled sequences (half sorted, half random). The last epoch fine-tunes a copy of it with a
 * classification head on 32 labelled "sorted or nearly sorted?" rows, and trains the same network
 * from scratch on the same 32 rows, so that the two test accuracies show what pre-training buys.
 */
final class BertDigits implements ZooModel {

    private static final int WIDTH = 10;
    private static final int LENGTH = WIDTH + 1;
    private static final int MASK = TokenVocabulary.SIZE;
    private static final int VOCABULARY = TokenVocabulary.SIZE + 1;
    private static final double MASK_RATE = 0.15;
    private static final int UNLABELLED = 8_000;
    private static final int UNLABELLED_TEST = 1_000;
    private static final int LABELLED = 32;
    private static final int LABELLED_TEST = 1_000;
    private static final int STEPS_PER_EPOCH = 100;

    @Override
    public String name() {
        return "bert-digits";
    }

    @Override
    public String description() {
        return "encoder-only Transformer (d 64, 2 layers): masked-digit pre-training, then 'sorted?' fine-tuning on 32 rows vs scratch";
    }

    @Override
    public Defaults defaults() {
        return new Defaults(5, 64, 1e-3, "Adam; epochs 1..n-1 masked-token pre-training, epoch n fine-tuning; "
                + STEPS_PER_EPOCH + " steps per epoch");
    }

    @Override
    public boolean plansOverAllEpochs() {
        return true;
    }

    @Override
    public Session open(TrainOptions options) {
        return new BertSession(options);
    }

    /** The pre-trained network and the two classifiers, saved together in a checkpoint. */
    private static final class Networks extends Module {

        final MaskedTokenEncoder pretrained;
        final MaskedTokenEncoder finetuned;
        final MaskedTokenEncoder scratch;

        Networks() {
            pretrained = registerModule("pretrained", network());
            finetuned = registerModule("finetuned", network());
            scratch = registerModule("scratch", network());
        }

        private static MaskedTokenEncoder network() {
            TransformerConfig config = new TransformerConfig(64, 4, 128, 0, true, FeedForwardActivation.GELU);
            return new MaskedTokenEncoder(VOCABULARY, LENGTH, config, 2, 2);
        }

        @Override
        public Tensor forward(Tensor ids) {
            return pretrained.forward(ids);
        }
    }

    /**
     * Masked rows: the input with some digits replaced by the mask token, and the target holding the
     * original digit at masked positions and padding elsewhere (ignored by the loss).
     */
    private record Masked(Tensor input, Tensor target) {

        static Masked of(int[] rows, Generator gen, TrainOptions options) {
            int[] input = rows.clone();
            int[] target = new int[rows.length];
            for (int row = 0; row < rows.length; row += LENGTH) {
                boolean any = false;
                for (int p = row + 1; p < row + LENGTH; p++) {
                    if (gen.nextDouble() < MASK_RATE) {
                        mask(input, target, p);
                        any = true;
                    }
                }
                if (!any) {
                    mask(input, target, row + 1 + gen.nextInt(WIDTH));
                }
            }
            int n = rows.length / LENGTH;
            return new Masked(Tensor.ofIndices(input, n, LENGTH).to(options.device()),
                    Tensor.ofIndices(target, n, LENGTH).to(options.device()));
        }

        private static void mask(int[] input, int[] target, int p) {
            target[p] = input[p];
            input[p] = MASK;
        }
    }

    /** Pre-training, fine-tuning and their evaluation. */
    private static final class BertSession extends ZooSession {

        private static final int PRETRAINER = 0;
        private static final int FINETUNER = 1;
        private static final int SCRATCH_TRAINER = 2;

        private final Networks nets;
        private final TrainOptions options;
        private final int[] unlabelled;
        private final Batches batches;
        private final Masked heldOut;
        private final int unigramGuess;
        private final Tensor labelledRows;
        private final Tensor labels;
        private final Tensor testRows;
        private final Tensor testLabels;

        BertSession(TrainOptions options) {
            this(new Networks(), options);
        }

        private BertSession(Networks nets, TrainOptions options) {
            super(nets.to(options.device()), List.of(new Adam(nets.pretrained.parameters(), Adam.options(options.lr())),
                    new Adam(nets.finetuned.parameters(), Adam.options(options.lr())),
                    new Adam(nets.scratch.parameters(), Adam.options(options.lr()))), STEPS_PER_EPOCH);
            this.nets = nets;
            this.options = options;
            int[] all = SortednessData.unlabelled(UNLABELLED + UNLABELLED_TEST, WIDTH, options.seed());
            // shuffle sorted and random rows before cutting off the held-out part
            int[] order = Batches.permutation(UNLABELLED + UNLABELLED_TEST, new Generator(options.seed()));
            int[] shuffled = new int[all.length];
            for (int i = 0; i < order.length; i++) {
                System.arraycopy(all, order[i] * LENGTH, shuffled, i * LENGTH, LENGTH);
            }
            unlabelled = Arrays.copyOfRange(shuffled, 0, UNLABELLED * LENGTH);
            heldOut = Masked.of(Arrays.copyOfRange(shuffled, UNLABELLED * LENGTH, shuffled.length),
                    new Generator(options.seed() + 1), options);
            unigramGuess = mostLikelyDigit(new UnigramBaseline(unlabelled, VOCABULARY, 1.0));
            SortednessData.Labelled small = SortednessData.labelled(LABELLED, WIDTH, options.seed() + 2);
            SortednessData.Labelled test = SortednessData.labelled(LABELLED_TEST, WIDTH, options.seed() + 3);
            labelledRows = Tensor.ofIndices(small.tokens(), LABELLED, LENGTH).to(options.device());
            labels = Tensor.ofIndices(small.labels(), LABELLED).to(options.device());
            testRows = Tensor.ofIndices(test.tokens(), LABELLED_TEST, LENGTH).to(options.device());
            testLabels = Tensor.ofIndices(test.labels(), LABELLED_TEST).to(options.device());
            batches = new Batches(UNLABELLED, options.batchSize(), options.seed(), options.device());
        }

        private static int mostLikelyDigit(UnigramBaseline unigram) {
            int best = TokenVocabulary.digit(0);
            for (int d = 1; d < 10; d++) {
                if (unigram.logProbability(TokenVocabulary.digit(d)) > unigram.logProbability(best)) {
                    best = TokenVocabulary.digit(d);
                }
            }
            return best;
        }

        @Override
        public double trainStep(int epoch, int step) {
            return epoch < options.epochs() ? pretrainStep(epoch, step) : finetuneStep(step);
        }

        private double pretrainStep(int epoch, int step) {
            int[] index = batches.indices(epoch, step % batches.perEpoch());
            int[] rows = new int[index.length * LENGTH];
            for (int i = 0; i < index.length; i++) {
                System.arraycopy(unlabelled, index[i] * LENGTH, rows, i * LENGTH, LENGTH);
            }
            Masked batch = Masked.of(rows, Batches.stepGenerator(options.seed(), epoch, step), options);
            Tensor loss = SequenceLosses.crossEntropy(nets.pretrained.forward(batch.input()), batch.target(), TokenVocabulary.PAD);
            return minimise(optimizer(PRETRAINER), loss);
        }

        /** One full-batch step on the small labelled set for each classifier; the mean of their losses. */
        private double finetuneStep(int step) {
            if (step == 0) {
                nets.finetuned.loadEncoderFrom(nets.pretrained);
            }
            double tuned = minimise(optimizer(FINETUNER), Functional.crossEntropy(nets.finetuned.classify(labelledRows), labels));
            double fresh = minimise(optimizer(SCRATCH_TRAINER), Functional.crossEntropy(nets.scratch.classify(labelledRows),
                    labels));
            return (tuned + fresh) / 2;
        }

        @Override
        public Map<String, Double> evaluate() {
            Map<String, Double> metrics = new LinkedHashMap<>();
            try (GradMode ignored = Autograd.noGradScope()) {
                Tensor masked = heldOut.target().ne(token(TokenVocabulary.PAD)).to(DType.FLOAT64);
                Tensor predicted = nets.pretrained.forward(heldOut.input()).argmax(2, false);
                double count = masked.sum().item();
                metrics.put("masked_accuracy", predicted.eq(heldOut.target()).to(DType.FLOAT64).mul(masked).sum().item() / count);
                metrics.put("unigram_masked_accuracy", heldOut.target().eq(token(unigramGuess)).to(DType.FLOAT64).mul(masked).sum().item() / count);
                metrics.put("finetuned_accuracy", accuracy(nets.finetuned));
                metrics.put("scratch_accuracy", accuracy(nets.scratch));
            }
            return metrics;
        }

        /** A token id as a scalar for comparisons. */
        private Tensor token(int id) {
            return Tensor.scalar(id, DType.INT64, options.device());
        }

        private double accuracy(MaskedTokenEncoder net) {
            return net.classify(testRows).argmax(1, false).eq(testLabels).to(DType.FLOAT64).mean().item();
        }
    }
}
