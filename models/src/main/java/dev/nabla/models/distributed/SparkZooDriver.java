package dev.nabla.models.distributed;

import dev.nabla.models.train.CheckpointCadence;
import dev.nabla.models.train.TrainOutcome;
import dev.nabla.models.zoo.TrainOptions;
import dev.nabla.models.zoo.ZooModel;
import dev.nabla.spark.SparkTrainer;
import dev.nabla.spark.TrainedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** The driver side of {@link SparkRun}: the Spark context, the slot check, the trainer. */
final class SparkZooDriver {

    /** {@code local}, {@code local[N]}, {@code local[N,F]} or {@code local[*]}. */
    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\d+|\\*)(?:,\\d+)?])?");

    private SparkZooDriver() {
    }

    static TrainOutcome train(String master, int workers, ZooModel model, TrainOptions options, Path out, boolean resume,
            CheckpointCadence cadence, Map<String, String> metadata) {
        long start = System.nanoTime();
        SparkConf conf = new SparkConf().setAppName("nabla train " + model.name());
        if (!master.isEmpty()) {
            conf.setMaster(master);
        }
        if (!conf.contains("spark.master")) {
            throw new IllegalArgumentException("train: --spark without a master needs spark-submit --master; "
                    + "or give one, e.g. --spark local[2]");
        }
        Matcher local = LOCAL.matcher(conf.get("spark.master"));
        if (local.matches()) {
            int slots = local.group(1) == null ? 1 : local.group(1).equals("*") ? Runtime.getRuntime().availableProcessors()
                    : Integer.parseInt(local.group(1));
            if (workers > slots) {
                throw new IllegalArgumentException("train: --workers " + workers + " needs " + workers
                        + " task slots at once, but " + conf.get("spark.master") + " has " + slots);
            }
            // one machine: nothing outside needs to reach the driver
            conf.setIfMissing("spark.driver.host", "127.0.0.1").setIfMissing("spark.driver.bindAddress", "127.0.0.1")
                    .setIfMissing("spark.ui.enabled", "false");
        }
        if (resume && (out == null || !Files.isRegularFile(out.resolve(dev.nabla.spark.WorkerContext.CHECKPOINT)))) {
            throw new IllegalArgumentException("checkpoint: file not found: " + (out == null ? "(no --out)"
                    : out.resolve(dev.nabla.spark.WorkerContext.CHECKPOINT)));
        }
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            SparkTrainer trainer = SparkTrainer.on(spark).withWorkers(workers).withDevice(options.device().toString());
            if (out != null) {
                trainer = trainer.withCheckpoints(out.toAbsolutePath(), resume);
            }
            TrainedModel trained = trainer.train(new SparkZooTraining(model.name(), options, out, cadence, metadata));
            return new TrainOutcome(trained.metrics(), options.epochs(), (System.nanoTime() - start) / 1e9, false);
        }
    }
}
