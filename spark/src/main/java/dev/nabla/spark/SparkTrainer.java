package dev.nabla.spark;

import dev.nabla.Device;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * Data-parallel training on a Spark cluster. The examples are split into one partition per worker;
 * one barrier stage runs a task per worker (Spark starts them together or not at all); the tasks meet
 * once through Spark's {@code allGather} to exchange ring addresses, then train with a
 * {@link dev.nabla.distributed.TcpCommunicator}, and rank 0's state dict comes back to the driver.
 *
 * <p>When a task fails (an exception, a lost executor) Spark cancels the stage and retries it whole.
 * A retried attempt resumes from the checkpoint rank 0 last wrote in the checkpoint folder; without a
 * folder the retry refuses to start, since it would silently begin again from scratch.
 */
public final class SparkTrainer {

    private final JavaSparkContext spark;
    private final int workers;
    private final Path checkpointDir;
    private final boolean resume;
    private final String device;
    private final Duration timeout;

    private SparkTrainer(JavaSparkContext spark, int workers, Path checkpointDir, boolean resume, String device,
            Duration timeout) {
        this.spark = spark;
        this.workers = workers;
        this.checkpointDir = checkpointDir;
        this.resume = resume;
        this.device = device;
        this.timeout = timeout;
    }

    /** A trainer on {@code spark} with 2 workers, no checkpoints, the CPU, and a 2-minute ring timeout. */
    public static SparkTrainer on(JavaSparkContext spark) {
        return new SparkTrainer(Objects.requireNonNull(spark, "SparkTrainer: spark"), 2, null, false, "cpu",
                Duration.ofMinutes(2));
    }

    /** A copy with {@code count} workers (barrier tasks; the cluster needs that many free task slots at once). */
    public SparkTrainer withWorkers(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("SparkTrainer: workers must be at least 1, got " + count);
        }
        return new SparkTrainer(spark, count, checkpointDir, resume, device, timeout);
    }

    /**
     * A copy that keeps checkpoints in {@code dir} (readable by every executor) and, when
     * {@code resumeFirst}, resumes the first attempt from a checkpoint already there.
     */
    public SparkTrainer withCheckpoints(Path dir, boolean resumeFirst) {
        return new SparkTrainer(spark, workers, Objects.requireNonNull(dir, "SparkTrainer: checkpoint folder"),
                resumeFirst, device, timeout);
    }

    /** A copy training on {@code spec} ({@code cpu}, {@code cuda:N}) where Spark assigned the task no GPU. */
    public SparkTrainer withDevice(String spec) {
        Device.parse(spec);
        return new SparkTrainer(spark, workers, checkpointDir, resume, spec, timeout);
    }

    /** A copy whose ring fails a step that waits longer than {@code value} for a peer. */
    public SparkTrainer withTimeout(Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("SparkTrainer: the timeout must be positive, got " + value);
        }
        return new SparkTrainer(spark, workers, checkpointDir, resume, device, value);
    }

    /** The number of workers. */
    public int workers() {
        return workers;
    }

    /**
     * Trains on {@code examples}, split into one partition per worker (kept when it already has
     * that many partitions, else repartitioned).
     */
    public <T> TrainedModel train(JavaRDD<T> examples, WorkerTraining<T> training) {
        JavaRDD<T> split = examples.getNumPartitions() == workers ? examples : examples.repartition(workers);
        BarrierTraining<T> task = new BarrierTraining<>(training, checkpointDir, resume, device, timeout);
        ClassTag<BarrierTraining.Output> tag = ClassTag$.MODULE$.apply(BarrierTraining.Output.class);
        RDD<BarrierTraining.Output> out = split.rdd().barrier().mapPartitions(task, false, tag);
        // the shuffle makes the barrier stage a map stage: Spark retries a failed barrier map stage whole,
        // but aborts the job when a barrier result stage fails
        List<BarrierTraining.Output> results = new ArrayList<>(JavaRDD.fromRDD(out, tag).repartition(1).collect());
        if (results.size() != 1) {
            throw new IllegalStateException("SparkTrainer: expected rank 0's result alone, got " + results.size());
        }
        BarrierTraining.Output r = results.get(0);
        return new TrainedModel(TensorBlob.toTensors(r.state(), Device.CPU), r.metrics(), r.attempt() + 1);
    }

    /** Trains workers that make or read their own data: each gets a partition holding its rank alone. */
    public TrainedModel train(WorkerTraining<Integer> training) {
        List<Integer> ranks = new ArrayList<>();
        for (int r = 0; r < workers; r++) {
            ranks.add(r);
        }
        return train(spark.parallelize(ranks, workers), training);
    }
}
