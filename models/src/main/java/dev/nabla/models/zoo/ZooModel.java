package dev.nabla.models.zoo;

import java.io.PrintStream;

/** One entry of the model zoo: an architecture with its default data and training recipe. */
public interface ZooModel {

    /** The name used on the command line, e.g. {@code mlp-spiral}. */
    String name();

    /** One line: the architecture, the default data and what it reaches. */
    String description();

    /** The defaults as a short human string, e.g. {@code epochs=60 batch-size=64 lr=0.05}. */
    String defaults();

    /** Trains with {@code options}, reporting progress on {@code log}. */
    TrainResult train(TrainOptions options, PrintStream log);
}
