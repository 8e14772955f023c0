package dev.nabla.models.distributed;

import dev.nabla.models.train.CheckpointCadence;
import dev.nabla.models.train.TrainOutcome;
import dev.nabla.models.zoo.TrainOptions;
import dev.nabla.models.zoo.ZooModel;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code nabla train MODEL --spark MASTER}: checks that Spark is on the class path (it is a provided
 * dependency, not in {@code nabla.jar}) before any class that names Spark's types is loaded, then runs
 * the training through {@link SparkZooDriver}.
 */
public final class SparkRun {

    /** A Spark class every Spark installation has. */
    private static final String PROBE = "org.apache.spark.api.java.JavaSparkContext";

    private SparkRun() {
    }

    /** Whether Spark's classes can be loaded. */
    public static boolean sparkPresent() {
        try {
            Class.forName(PROBE, false, SparkRun.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Trains {@code model} data-parallel on {@code workers} Spark tasks.
     *
     * @param master a Spark master URL, or empty to take spark-submit's
     * @param out the run folder on a file system every executor reaches, or null (then a failed task cannot resume)
     * @param resume whether to continue the run in {@code out}
     * @param cadence how often rank 0 saves inside an epoch
     * @param metadata the entries every checkpoint carries (the program's options)
     * @return rank 0's final metrics and the wall time
     * @throws IllegalArgumentException when Spark is missing, the master is unusable or there are too few slots
     */
    public static TrainOutcome train(String master, int workers, ZooModel model, TrainOptions options, Path out,
            boolean resume, CheckpointCadence cadence, Map<String, String> metadata) {
        if (!sparkPresent()) {
            throw new IllegalArgumentException("train: --spark needs Apache Spark 4 on the class path (nabla.jar does not "
                    + "bundle it): submit nabla.jar with spark-submit, or run java -cp \"$SPARK_HOME/jars/*:nabla.jar\" "
                    + "dev.nabla.models.cli.Main train ...");
        }
        if (workers < 1) {
            throw new IllegalArgumentException("train: --workers must be at least 1, got " + workers);
        }
        return SparkZooDriver.train(master, workers, model, options, out, resume, cadence, metadata);
    }
}
