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

    /**
     * Builds the network, loads or generates the data and sets up the optimizer.
     *
     * @param options resolved options (no unset values)
     * @throws IllegalArgumentException for data that is missing or malformed
     */
    Session open(TrainOptions options);
}
