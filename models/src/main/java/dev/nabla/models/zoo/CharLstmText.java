package dev.nabla.models.zoo;

import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;
import dev.nabla.models.data.CharVocabulary;
import dev.nabla.models.data.TextCorpus;
import dev.nabla.models.data.UnigramBaseline;
import dev.nabla.models.nets.CharLstm;
import dev.nabla.models.train.Batches;
import dev.nabla.models.train.Samples;
import dev.nabla.models.train.Session;
import dev.nabla.nn.Functional;
import dev.nabla.nn.decoding.Sampler;
import dev.nabla.optim.Adam;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A character-level LSTM language model on the embedded fables (or {@code --text FILE}): random
 * 64-character windows, teacher forcing, validation perplexity against a unigram baseline, and
 * temperature sampling.
 */
final class CharLstmText implements ZooModel {

    private static final int WINDOW = 64;
    private static final int STEPS_PER_EPOCH = 100;
    private static final double TRAIN_FRACTION = 0.9;
    private static final double CLIP_NORM = 1.0;
    private static final double TEMPERATURE = 0.7;
    private static final int PROMPT_CHARS = 16;
    private static final int DEFAULT_SAMPLE_CHARS = 400;

    @Override
    public String name() {
        return "char-lstm";
    }

    @Override
    public String description() {
        return "character LSTM (embed 32, hidden 128) on the embedded fables or --text FILE; validation perplexity vs unigram";
    }

    @Override
    public Defaults defaults() {
        return new Defaults(6, 32, 3e-3, "Adam, gradient clipping 1.0; an epoch is " + STEPS_PER_EPOCH + " steps");
    }

    @Override
    public boolean readsText() {
        return true;
    }

    @Override
    public Session open(TrainOptions options) {
        TextCorpus corpus = TextSource.load(options, 20 * WINDOW);
        CharLstm net = new CharLstm(corpus.vocabulary().size(), 32, 128, 1);
        net.to(options.device());
        return new LanguageSession(net, corpus, options);
    }

    /** Training and evaluation of the character model. */
    private static final class LanguageSession extends ZooSession {

        private final CharLstm net;
        private final CharVocabulary vocabulary;
        private final int[] train;
        private final int[] validation;
        private final UnigramBaseline unigram;
        private final TrainOptions options;

        LanguageSession(CharLstm net, TextCorpus corpus, TrainOptions options) {
            super(net, List.of(new Adam(net.parameters(), Adam.options(options.lr()))), STEPS_PER_EPOCH);
            this.net = net;
            this.options = options;
            this.vocabulary = corpus.vocabulary();
            TextCorpus.Split split = corpus.split(TRAIN_FRACTION);
            this.train = split.train();
            this.validation = split.validation();
            this.unigram = new UnigramBaseline(train, vocabulary.size(), 1.0);
        }

        @Override
        public double trainStep(int epoch, int step) {
            int batch = options.batchSize();
            Generator gen = Batches.stepGenerator(options.seed(), epoch, step);
            int[] x = new int[batch * WINDOW];
            int[] y = new int[batch * WINDOW];
            for (int b = 0; b < batch; b++) {
                int start = gen.nextInt(train.length - WINDOW - 1);
                System.arraycopy(train, start, x, b * WINDOW, WINDOW);
                System.arraycopy(train, start + 1, y, b * WINDOW, WINDOW);
            }
            return minimise(optimizer(0), loss(x, y, batch), net, CLIP_NORM);
        }

        private Tensor loss(int[] x, int[] y, int batch) {
            Tensor logits = net.forward(Tensor.ofIndices(x, batch, WINDOW).to(options.device()));
            return Functional.crossEntropy(logits.reshape(batch * WINDOW, vocabulary.size()),
                    Tensor.ofIndices(y, batch * WINDOW).to(options.device()));
        }

        @Override
        public Map<String, Double> evaluate() {
            int windows = (validation.length - 1) / WINDOW;
            int[] x = Arrays.copyOfRange(validation, 0, windows * WINDOW);
            int[] y = Arrays.copyOfRange(validation, 1, windows * WINDOW + 1);
            double loss;
            try (GradMode ignored = Autograd.noGradScope()) {
                loss = loss(x, y, windows).item();
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("val_loss", loss);
            metrics.put("val_perplexity", Math.exp(loss));
            metrics.put("unigram_perplexity", unigram.perplexity(Arrays.copyOfRange(validation, 1, windows * WINDOW + 1)));
            return metrics;
        }

        @Override
        public Optional<Samples> sample(int count) {
            Generator gen = new Generator(options.seed());
            int[] prompt = Arrays.copyOfRange(validation, 0, PROMPT_CHARS);
            int length = count > 0 ? count : DEFAULT_SAMPLE_CHARS;
            String text = vocabulary.decode(prompt) + vocabulary.decode(net.generate(prompt, length, new Sampler(TEMPERATURE, 0, 1.0, gen)));
            return Optional.of(Samples.text(List.of(text.split("\n"))));
        }
    }
}
