package dev.nabla.models.cli;

import dev.nabla.models.train.Checkpoints;
import dev.nabla.models.train.Session;
import dev.nabla.models.train.TrainingLoop;
import dev.nabla.models.zoo.ZooModel;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nabla eval MODEL --checkpoint FILE}: the held-out metrics of a trained model. */
@Command(name = "eval", description = "Evaluate a trained zoo model on its held-out data.")
final class EvalCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model;

    @Option(names = "--checkpoint", paramLabel = "FILE", required = true,
            description = "a checkpoint written by 'nabla train --out DIR' (DIR/" + TrainingLoop.CHECKPOINT + ")")
    Path checkpoint;

    @Override
    public Integer call() {
        ZooModel zooModel = model.zooModel();
        Session session = zooModel.open(model.resolve(zooModel));
        Checkpoints.load(checkpoint, zooModel.name(), session, false);
        session.model().eval();
        session.evaluate().forEach((k, v) -> System.out.printf(Locale.ROOT, "%s = %.4f%n", k, v));
        return 0;
    }
}
