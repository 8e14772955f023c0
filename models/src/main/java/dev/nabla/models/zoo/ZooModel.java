package dev.nabla.models.zoo;

import dev.nabla.models.train.Session;

/** One entry of the model zoo: an architecture with its default data and training recipe. */
public interface ZooModel {

    /** The name used on the command line, e.g. {@code lenet-digits}. */
    String name();

    /** One line: the architecture, the default data and what it reaches. */
    String description();

    /** The default recipe. */
    Defaults defaults();

    /** Whether {@link #open} reads MNIST-format IDX files from {@code --data} (else the option is refused). */
    default boolean readsIdxData() {
        return false;
    }

    /** Whether {@link #open} reads a UTF-8 text file from {@code --text} (else the option is refused). */
    default boolean readsText() {
        return false;
    }

    /**
     * Whether the recipe depends on the total number of epochs (a learning rate annealed over the whole
     * run, a last epoch that does something else), so that a resumed run cannot change {@code --epochs}.
     */
    default boolean plansOverAllEpochs() {
        return false;
    }

    /**
     * Builds the network, loads or generates the data and sets up the optimizer.
     *
     * @param options resolved options (no unset values)
     * @throws IllegalArgumentException for data that is missing or malformed
     */
    Session open(TrainOptions options);
}
