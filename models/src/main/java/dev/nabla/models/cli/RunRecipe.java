package dev.nabla.models.cli;

import dev.nabla.Device;
import dev.nabla.models.zoo.TrainOptions;
import dev.nabla.models.zoo.ZooModel;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The options that define a run (epochs, batch size, learning rate, seed, data files), kept in its
 * checkpoint: {@code --resume} continues the run as it was started, and {@code eval} and
 * {@code sample} rebuild the model on the run's own data split without the options being repeated.
 */
final class RunRecipe {

    /** The seed of a run that names none. */
    static final long DEFAULT_SEED = 42;

    private static final String EPOCHS = "zoo.epochs";
    private static final String BATCH_SIZE = "zoo.batch_size";
    private static final String LR = "zoo.lr";
    private static final String SEED = "zoo.seed";
    private static final String DATA = "zoo.data";
    private static final String TEXT = "zoo.text";

    /**
     * What the command line gave; null where an option was not given.
     *
     * @param epochs {@code --epochs}
     * @param batchSize {@code --batch-size}
     * @param lr {@code --lr}
     * @param seed {@code --seed}
     * @param data {@code --data}
     * @param text {@code --text}
     */
    record Given(Integer epochs, Integer batchSize, Double lr, Long seed, Path data, Path text) {

        /** The options of {@code eval} and {@code sample}, which do not train. */
        static Given of(ModelOptions m) {
            return new Given(null, null, null, m.seed, m.data, m.text);
        }

        /** The options of {@code train}. */
        static Given of(ModelOptions m, TrainingOptions t) {
            return new Given(t.epochs, t.batchSize, t.lr, m.seed, m.data, m.text);
        }
    }

    private RunRecipe() {
    }

    /** The checkpoint entries recording {@code options}. */
    static Map<String, String> metadata(TrainOptions options) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(EPOCHS, Integer.toString(options.epochs()));
        m.put(BATCH_SIZE, Integer.toString(options.batchSize()));
        m.put(LR, Double.toString(options.lr()));
        m.put(SEED, Long.toString(options.seed()));
        if (options.data() != null) {
            m.put(DATA, absolute(options.data()).toString());
        }
        if (options.text() != null) {
            m.put(TEXT, absolute(options.text()).toString());
        }
        return m;
    }

    /**
     * The options of a new run (no {@code saved} entries), or of a trained model for {@code eval} and
     * {@code sample}: the given ones, else the checkpoint's, else the model's defaults.
     */
    static TrainOptions resolve(ZooModel model, Device device, Given given, Map<String, String> saved) {
        int epochs = pick(given.epochs(), saved.get(EPOCHS), Integer::valueOf, 0);
        int batchSize = pick(given.batchSize(), saved.get(BATCH_SIZE), Integer::valueOf, 0);
        double lr = pick(given.lr(), saved.get(LR), Double::valueOf, 0.0);
        long seed = pick(given.seed(), saved.get(SEED), Long::valueOf, DEFAULT_SEED);
        Path data = pick(given.data(), saved.get(DATA), Path::of, null);
        Path text = pick(given.text(), saved.get(TEXT), Path::of, null);
        return new TrainOptions(epochs, batchSize, lr, device, seed, data, text).resolve(model.defaults());
    }

    /**
     * The options of a resumed run: the checkpoint's. A given option must agree with it, except
     * {@code --epochs}, which may grow for a model that does not plan over all its epochs.
     *
     * @param finished the epochs the run has finished
     * @throws IllegalArgumentException naming the option that disagrees, or when nothing is left to train
     */
    static TrainOptions resumed(ZooModel model, Device device, Given given, Map<String, String> saved, int finished) {
        TrainOptions options = resolve(model, device, given, saved);
        TrainOptions recorded = resolve(model, device, new Given(null, null, null, null, null, null), saved);
        requireSame("--batch-size", given.batchSize(), recorded.batchSize());
        requireSame("--lr", given.lr(), recorded.lr());
        requireSame("--seed", given.seed(), recorded.seed());
        requireSame("--data", given.data() == null ? null : absolute(given.data()), recorded.data());
        requireSame("--text", given.text() == null ? null : absolute(given.text()), recorded.text());
        if (options.epochs() != recorded.epochs() && model.plansOverAllEpochs()) {
            throw new IllegalArgumentException("train: " + model.name() + " plans its training over the "
                    + recorded.epochs() + " epochs the run started with (" + model.defaults().optimizer()
                    + "), so --resume cannot change them to " + options.epochs() + "; resume with --epochs "
                    + recorded.epochs() + ", or start a new run with --force");
        }
        if (options.epochs() < finished) {
            throw new IllegalArgumentException("train: --epochs " + options.epochs() + " is fewer than the " + finished
                    + " epochs the run has finished");
        }
        if (options.epochs() == finished) {
            throw new IllegalArgumentException("train: the run has finished all its " + finished + " epochs; nothing to "
                    + "resume" + (model.plansOverAllEpochs() ? "" : " (a larger --epochs trains on)"));
        }
        return options;
    }

    private static <T> T pick(T given, String saved, Function<String, T> parse, T fallback) {
        if (given != null) {
            return given;
        }
        if (saved == null) {
            return fallback;
        }
        try {
            return parse.apply(saved);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("checkpoint: malformed option value '" + saved + "'", e);
        }
    }

    private static void requireSame(String option, Object given, Object recorded) {
        if (given != null && !Objects.equals(given, recorded)) {
            throw new IllegalArgumentException("train: " + option + " " + given + " differs from the run's "
                    + (recorded == null ? "(none)" : recorded) + "; a resumed run keeps the options it started with");
        }
    }

    private static Path absolute(Path p) {
        return p.toAbsolutePath().normalize();
    }
}
