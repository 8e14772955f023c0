package dev.nabla.models.cli;

import picocli.CommandLine.Option;

/** The options of {@code train} alone: how long and how fast; null where not given. */
final class TrainingOptions {

    @Option(names = "--epochs", paramLabel = "N", converter = Converters.PositiveInt.class,
            description = "passes over the data (default: the model's; with --resume, the run's)")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "N", converter = Converters.PositiveInt.class,
            description = "samples per step (default: the model's; with --resume, the run's)")
    Integer batchSize;

    @Option(names = "--lr", paramLabel = "RATE", converter = Converters.PositiveNumber.class,
            description = "learning rate (default: the model's; with --resume, the run's)")
    Double lr;
}
