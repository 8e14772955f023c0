package dev.nabla.models.cli;

import dev.nabla.Device;
import dev.nabla.Generator;
import dev.nabla.io.TrainingCheckpoint;
import dev.nabla.models.console.StatusLine;
import dev.nabla.models.train.CheckpointCadence;
import dev.nabla.models.train.Checkpoints;
import dev.nabla.models.distributed.SparkRun;
import dev.nabla.models.train.RunFolder;
import dev.nabla.models.train.RunState;
import dev.nabla.models.train.Session;
import dev.nabla.models.train.StopSignal;
import dev.nabla.models.train.TrainOutcome;
import dev.nabla.models.train.TrainingLoop;
import dev.nabla.models.zoo.TrainOptions;
import dev.nabla.models.zoo.ZooModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code nabla train MODEL}: trains a zoo model on its default data or on {@code --data}/{@code --text}.
 * Everything that can be checked is checked before the first step; Ctrl-C saves a checkpoint, prints
 * the summary and exits with status 130.
 */
@Command(name = "train", description = "Train a zoo model (see 'nabla list').")
final class TrainCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model;

    @Mixin
    TrainingOptions training;

    @Option(names = "--out", paramLabel = "DIR",
            description = "folder for the checkpoint, metrics.csv, loss.png and samples (default: none written)")
    Path out;

    @Option(names = "--resume", description = "continue the run in DIR from its checkpoint, with the run's options (needs --out)")
    boolean resume;

    @Option(names = "--force", description = "replace the run that DIR holds: its checkpoint, metrics, plot and samples, nothing else")
    boolean force;

    @Option(names = "--checkpoint-every", paramLabel = "STEPS|TIME", converter = Converters.Cadence.class,
            description = "also save inside epochs: every STEPS steps (500) or once TIME has passed since the last save "
                    + "(90s, 10m, 2h); default: after every epoch and on Ctrl-C only")
    CheckpointCadence checkpointEvery;

    @Option(names = "--spark", paramLabel = "MASTER", arity = "0..1", fallbackValue = "",
            description = "train data-parallel on Apache Spark, e.g. local[2] or spark://host:7077; without a value, "
                    + "the master given to spark-submit (Spark must be on the class path; --batch-size is the global batch)")
    String spark;

    @Option(names = "--workers", paramLabel = "N", description = "data-parallel workers with --spark (default: 2)")
    Integer workers;

    @Override
    public Integer call() {
        ZooModel zooModel = model.zooModel();
        checkFlags();
        Start start = start(zooModel, model.device());
        TrainOptions options = start.options();
        System.out.printf(Locale.ROOT, "training %s on %s (epochs=%d batch-size=%d lr=%s seed=%d, %s)%n", zooModel.name(),
                options.device(), options.epochs(), options.batchSize(), options.lr(), options.seed(),
                zooModel.defaults().optimizer());
        CheckpointCadence cadence = checkpointEvery == null ? CheckpointCadence.EPOCHS_ONLY : checkpointEvery;
        if (spark != null) {
            prepareFolder();
            report(SparkRun.train(spark, workers == null ? 2 : workers, zooModel, options, out, resume, cadence,
                    RunRecipe.metadata(options)));
            return 0;
        }
        // the initial weights are drawn from this thread's default generator: --seed decides them, as it decides the data
        Generator.manualSeed(options.seed());
        Session session = zooModel.open(options);
        if (start.checkpoint() != null) {
            Checkpoints.restore(start.checkpoint(), session, true);
            System.out.printf("resuming from %s at epoch %d step %d%n", out.resolve(TrainingLoop.CHECKPOINT),
                    start.state().epoch(), start.state().step());
        }
        prepareFolder();
        TrainingLoop.Run run = new TrainingLoop.Run(zooModel.name(), options.epochs(), out, cadence,
                RunRecipe.metadata(options));
        // the stop signal holds a Ctrl-C'd JVM until the summary is printed; closing it releases the JVM at once
        try (StopSignal stop = StopSignal.onShutdown(); StatusLine status = StatusLine.forStandardError()) {
            TrainOutcome outcome = new TrainingLoop(run, stop, System.out, status).run(session, start.state());
            report(outcome);
            return outcome.stopped() ? Main.INTERRUPTED : 0;
        }
    }

    private void prepareFolder() {
        if (out != null) {
            if (force && !RunFolder.runFiles(out).isEmpty()) {
                System.out.println("replacing the run in " + out + " (--force)");
            }
            RunFolder.prepare(out, force);
        }
    }

    /** Where a run begins: a new run's options, or a resumed run's checkpoint, state and recorded options. */
    private record Start(TrainingCheckpoint checkpoint, RunState state, TrainOptions options) {
    }

    private Start start(ZooModel zooModel, Device device) {
        RunRecipe.Given given = RunRecipe.Given.of(model, training);
        if (!resume) {
            return new Start(null, RunState.START, RunRecipe.resolve(zooModel, device, given, Map.of()));
        }
        Path file = out.resolve(TrainingLoop.CHECKPOINT);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("train: --resume: " + out + " holds no " + TrainingLoop.CHECKPOINT
                    + " to continue");
        }
        TrainingCheckpoint checkpoint = Checkpoints.read(file, zooModel.name());
        RunState state = Checkpoints.runState(checkpoint, file);
        return new Start(checkpoint, state, RunRecipe.resumed(zooModel, device, given, checkpoint.metadata(),
                state.history().size()));
    }

    private void checkFlags() {
        if (out == null && (resume || force || checkpointEvery != null)) {
            throw new IllegalArgumentException("train: " + (resume ? "--resume" : force ? "--force" : "--checkpoint-every")
                    + " needs --out, the folder of the run");
        }
        if (workers != null && spark == null) {
            throw new IllegalArgumentException("train: --workers needs --spark");
        }
        if (resume && force) {
            throw new IllegalArgumentException("train: --resume continues the run in " + out + " and --force replaces it; "
                    + "pass one");
        }
        if (out != null && !resume) {
            RunFolder.checkForNewRun(out, force);
        } else if (out != null) {
            RunFolder.check(out);
        }
    }

    private static void report(TrainOutcome outcome) {
        if (outcome.stopped()) {
            System.out.println(outcome.metrics().isEmpty()
                    ? "no epoch finished, so there are no held-out metrics (a stop skips the evaluation)"
                    : "held-out metrics after epoch " + outcome.metricsEpoch() + " (a stop skips the evaluation):");
        }
        outcome.metrics().forEach((k, v) -> System.out.printf(Locale.ROOT, "%s = %.4f%n", k, v));
        System.out.printf(Locale.ROOT, "time = %.1f s%s%n", outcome.seconds(), outcome.stopped() ? " (stopped)" : "");
        System.out.flush();
    }
}
