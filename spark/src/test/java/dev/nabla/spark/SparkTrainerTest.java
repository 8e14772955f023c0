package dev.nabla.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SparkTrainer} in {@code local[2,4]} (two task threads, up to four task failures): two barrier
 * tasks on the two halves of the data end with the weights of one process trained on the global
 * batches; a task failing mid-training makes Spark retry the stage, which resumes from rank 0's last
 * checkpoint and ends with the same weights; without a checkpoint folder the retry refuses to start.
 */
class SparkTrainerTest {

    private static final int ROWS = 96;
    private static final int STEPS = 12;
    private static final int BATCH = 8;
    private static JavaSparkContext spark;

    @BeforeAll
    static void start() {
        spark = SparkTesting.local("local[2,4]", "SparkTrainerTest");
    }

    @AfterAll
    static void stop() {
        spark.close();
    }

    private static JavaRDD<Example> data() {
        return spark.parallelize(MlpTraining.data(ROWS), 2);
    }

    static void assertSameWeights(Map<String, Tensor> expected, Map<String, Tensor> got) {
        assertEquals(expected.keySet(), got.keySet());
        expected.forEach((k, v) -> assertArrayEquals(v.toFloatArray(), got.get(k).toFloatArray(), 2e-5f, k));
    }

    @Test
    void twoWorkersMatchOneProcessOnTheGlobalBatches() {
        TrainedModel trained = SparkTrainer.on(spark).train(data(),
                new MlpTraining(STEPS, BATCH, 1000, MlpTraining.Fault.NONE, -1));
        assertSameWeights(MlpTraining.reference(MlpTraining.data(ROWS), STEPS, BATCH), trained.state());
        assertEquals(1, trained.attempts());
        assertEquals(STEPS, trained.metrics().get("steps"));
    }

    @Test
    void aFailedTaskRetriesTheStageFromTheLastCheckpoint(@TempDir Path dir) {
        TrainedModel trained = SparkTrainer.on(spark).withCheckpoints(dir, false).train(data(),
                new MlpTraining(STEPS, BATCH, 4, MlpTraining.Fault.THROW, 9));
        assertSameWeights(MlpTraining.reference(MlpTraining.data(ROWS), STEPS, BATCH), trained.state());
        assertEquals(2, trained.attempts());
        assertEquals(STEPS - 8, trained.metrics().get("steps"), "resumed at the step-8 checkpoint");
    }

    @Test
    void withoutCheckpointsARetryRefusesToStartFromScratch() {
        SparkException e = assertThrows(SparkException.class, () -> SparkTrainer.on(spark).train(data(),
                new MlpTraining(STEPS, BATCH, 4, MlpTraining.Fault.THROW, 3)));
        assertTrue(e.getMessage().contains("no checkpoint folder was set"), e.getMessage());
    }

    @Test
    void tooFewWorkersIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SparkTrainer.on(spark).withWorkers(0));
    }
}
