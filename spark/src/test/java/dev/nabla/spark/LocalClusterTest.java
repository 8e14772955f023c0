package dev.nabla.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two executor JVMs ({@code local-cluster[2,1,1024]}: a standalone master and two workers in this JVM,
 * each worker starting an executor process). Rank 1's executor halts mid-training on the first attempt;
 * the worker starts a new executor, Spark retries the barrier stage, which resumes from rank 0's
 * checkpoint and must end with the weights of one process trained without any failure.
 *
 * <p>A worker launches executors with {@code $SPARK_HOME/jars/*} as their class path, so the test
 * fills {@code $SPARK_HOME/jars} (set by the build to a folder under {@code target}) with links to the
 * jars on its own class path, and passes the class folders as {@code spark.executor.extraClassPath}.
 */
class LocalClusterTest {

    private static final int ROWS = 96;
    private static final int STEPS = 10;
    private static final int BATCH = 8;

    @Test
    void anExecutorKilledMidTrainingResumesFromTheCheckpointOnAnotherExecutor(@TempDir Path dir) throws IOException {
        String home = System.getenv("SPARK_HOME");
        assumeTrue(home != null && "2.13".equals(System.getenv("SPARK_SCALA_VERSION")),
                "needs SPARK_HOME and SPARK_SCALA_VERSION=2.13 (set by the spark module's build)");
        String classFolders = sparkHome(Path.of(home));
        SparkConf conf = SparkTesting.conf("local-cluster[2,1,1024]", "LocalClusterTest")
                .set("spark.executor.extraClassPath", classFolders)
                .set("spark.executor.extraJavaOptions", "--add-modules jdk.incubator.vector -Djava.net.preferIPv4Stack=true")
                .set("spark.executorEnv.SPARK_LOCAL_IP", "127.0.0.1");
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            TrainedModel trained = SparkTrainer.on(spark).withCheckpoints(dir, false).train(
                    spark.parallelize(MlpTraining.data(ROWS), 2), new MlpTraining(STEPS, BATCH, 3, MlpTraining.Fault.HALT, 7));
            SparkTrainerTest.assertSameWeights(MlpTraining.reference(MlpTraining.data(ROWS), STEPS, BATCH), trained.state());
            assertEquals(2, trained.attempts(), "one failed attempt, then one that resumed");
            assertEquals(STEPS - 6, trained.metrics().get("steps"), "resumed at the step-6 checkpoint");
        }
    }

    /** Links every jar of this JVM's class path into {@code home/jars}; returns the class folders, joined. */
    private static String sparkHome(Path home) throws IOException {
        Path jars = home.resolve("jars");
        Files.createDirectories(jars);
        List<String> folders = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry).toAbsolutePath();
            if (Files.isDirectory(p)) {
                folders.add(p.toString());
            } else if (entry.endsWith(".jar") && Files.isRegularFile(p)) {
                Path link = jars.resolve(p.getFileName());
                if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createSymbolicLink(link, p);
                }
            }
        }
        return String.join(File.pathSeparator, folders);
    }
}
