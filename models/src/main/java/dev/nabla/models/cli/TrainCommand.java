package dev.nabla.models.cli;

import dev.nabla.models.distributed.SparkRun;
import dev.nabla.models.train.RunFolder;
import dev.nabla.models.train.Session;
import dev.nabla.models.train.StopSignal;
import dev.nabla.models.train.TrainOutcome;
import dev.nabla.models.train.TrainingLoop;
import dev.nabla.models.zoo.TrainOptions;
import dev.nabla.models.zoo.ZooModel;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nabla train MODEL}: trains a zoo model on its default data or on {@code --data}/{@code --text}. */
@Command(name = "train", description = "Train a zoo model (see 'nabla list').")
final class TrainCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model;

    @Option(names = "--out", paramLabel = "DIR",
            description = "folder for the checkpoint, metrics.csv, loss.png and samples (default: none written)")
    Path out;

    @Option(names = "--resume", description = "continue from DIR/checkpoint.safetensors (needs --out)")
    boolean resume;

    @Option(names = "--spark", paramLabel = "MASTER", arity = "0..1", fallbackValue = "",
            description = "train data-parallel on Apache Spark, e.g. local[2] or spark://host:7077; without a value, "
                    + "the master given to spark-submit (Spark must be on the class path; --batch-size is the global batch)")
    String spark;

    @Option(names = "--workers", paramLabel = "N", description = "data-parallel workers with --spark (default: 2)")
    Integer workers;

    @Override
    public Integer call() {
        ZooModel zooModel = model.zooModel();
        TrainOptions options = model.resolve(zooModel);
        if (resume && out == null) {
            throw new IllegalArgumentException("train: --resume needs --out, the folder holding the checkpoint");
        }
        if (workers != null && spark == null) {
            throw new IllegalArgumentException("train: --workers needs --spark");
        }
        if (out != null) {
            RunFolder.check(out);
        }
        System.out.printf("training %s on %s (epochs=%d batch-size=%d lr=%s, %s)%n", zooModel.name(), options.device(),
                options.epochs(), options.batchSize(), options.lr(), zooModel.defaults().optimizer());
        if (spark != null) {
            return report(SparkRun.train(spark, workers == null ? 2 : workers, zooModel, options,
                    out == null ? null : RunFolder.prepare(out), resume));
        }
        Session session = zooModel.open(options);
        if (out != null) {
            RunFolder.prepare(out);
        }
        TrainingLoop loop = new TrainingLoop(zooModel.name(), options.epochs(), out, resume,
                new StopSignal().installShutdownHook(), System.out, null);
        TrainOutcome outcome = loop.run(session);
        return report(outcome);
    }

    /** Prints the final metrics and the wall time; the exit code. */
    private static int report(TrainOutcome outcome) {
        outcome.metrics().forEach((k, v) -> System.out.printf(Locale.ROOT, "%s = %.4f%n", k, v));
        System.out.printf(Locale.ROOT, "time = %.1f s%s%n", outcome.seconds(), outcome.stopped() ? " (stopped)" : "");
        return 0;
    }
}
