package dev.nabla.models.distributed;

import dev.nabla.models.train.CheckpointCadence;
import dev.nabla.models.zoo.TrainOptions;
import dev.nabla.models.zoo.Zoo;
import dev.nabla.spark.WorkerContext;
import dev.nabla.spark.WorkerResult;
import dev.nabla.spark.WorkerTraining;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A zoo model's training as shipped to Spark's executors: the model's name and the resolved options
 * as plain values; each worker makes or reads the model's data itself and trains with
 * {@link ZooWorker} on the device Spark assigned (or the one asked for).
 */
final class SparkZooTraining implements WorkerTraining<Integer> {

    private static final long serialVersionUID = 1L;

    private final String model;
    private final int epochs;
    private final int batchSize;
    private final double lr;
    private final long seed;
    private final String data;
    private final String text;
    private final String out;
    private final long cadenceSteps;
    private final Duration cadenceInterval;
    private final HashMap<String, String> metadata;

    SparkZooTraining(String model, TrainOptions options, Path out, CheckpointCadence cadence, Map<String, String> metadata) {
        this.model = model;
        this.epochs = options.epochs();
        this.batchSize = options.batchSize();
        this.lr = options.lr();
        this.seed = options.seed();
        this.data = options.data() == null ? null : options.data().toAbsolutePath().toString();
        this.text = options.text() == null ? null : options.text().toAbsolutePath().toString();
        this.out = out == null ? null : out.toAbsolutePath().toString();
        this.cadenceSteps = cadence.steps();
        this.cadenceInterval = cadence.interval();
        this.metadata = new HashMap<>(metadata);
    }

    @Override
    public WorkerResult train(WorkerContext context, List<Integer> ranks) {
        TrainOptions options = new TrainOptions(epochs, batchSize, lr, context.device(), seed,
                data == null ? null : Path.of(data), text == null ? null : Path.of(text));
        ZooWorker.Run run = ZooWorker.train(Zoo.get(model), options, context.communicator(),
                out == null ? null : Path.of(out), context.checkpoint().isPresent(),
                new CheckpointCadence(cadenceSteps, cadenceInterval), metadata, System.out);
        return new WorkerResult(run.state(), run.outcome().metrics());
    }
}
