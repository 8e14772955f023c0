package dev.nabla.models.cli;

import dev.nabla.models.train.Session;
import dev.nabla.models.train.TrainingLoop;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code nabla eval MODEL --checkpoint FILE}: the held-out metrics of a trained model, on the data
 * split of its run (the checkpoint records the run's seed and data) unless {@code --seed} or
 * {@code --data} say otherwise.
 */
@Command(name = "eval", description = "Evaluate a trained zoo model on its held-out data.")
final class EvalCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model;

    @Option(names = "--checkpoint", paramLabel = "FILE", required = true,
            description = "a checkpoint written by 'nabla train --out DIR' (DIR/" + TrainingLoop.CHECKPOINT + ")")
    Path checkpoint;

    @Override
    public Integer call() {
        Session session = TrainedModel.open(model, checkpoint);
        session.evaluate().forEach((k, v) -> System.out.printf(Locale.ROOT, "%s = %.4f%n", k, v));
        return 0;
    }

}
