package dev.nabla.models.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.Tensor;
import dev.nabla.models.train.Checkpoints;
import dev.nabla.models.train.RunState;
import dev.nabla.models.train.Samples;
import dev.nabla.models.train.Session;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast contract every zoo model keeps: a few steps on one batch lower its loss, evaluation
 * gives finite metrics, samples have the right shape, and a checkpoint restores the exact weights
 * and the exact evaluation into a freshly built model.
 */
class ZooModelsTest {

    private static final int STEPS = 6;
    private static final int BATCH = 16;

    static Stream<String> models() {
        return Zoo.all().keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("models")
    void fewStepsOnOneBatchLowerTheLoss(String name) {
        ZooModel model = Zoo.get(name);
        Session session = model.open(SmallData.options(model, BATCH));
        session.model().train();
        double first = session.trainStep(1, 0);
        double last = first;
        for (int i = 1; i < STEPS; i++) {
            last = session.trainStep(1, 0);
        }
        assertTrue(Double.isFinite(first) && last < first, name + ": loss " + first + " -> " + last + " on a repeated batch");
    }

    @ParameterizedTest
    @MethodSource("models")
    void checkpointRestoresWeightsAndMetricsExactly(String name, @TempDir Path dir) {
        ZooModel model = Zoo.get(name);
        TrainOptions options = SmallData.options(model, BATCH);
        Session trained = model.open(options);
        trained.model().train();
        trained.trainStep(1, 0);
        trained.trainStep(1, 1 % trained.stepsPerEpoch());
        Path file = dir.resolve("c.safetensors");
        Checkpoints.save(file, name, trained, new RunState(1, 2, 0, 0, List.of()), Map.of());
        trained.model().eval();
        Map<String, Double> expected = trained.evaluate();
        expected.values().forEach(v -> assertTrue(Double.isFinite(v), name + ": metrics " + expected));

        Session fresh = model.open(options.withSchedule(1, BATCH));
        Checkpoints.restore(Checkpoints.read(file, name), fresh, true);
        Map<String, Tensor> a = trained.model().stateDict();
        Map<String, Tensor> b = fresh.model().stateDict();
        assertEquals(a.keySet(), b.keySet());
        a.forEach((k, v) -> assertTrue(v.allClose(b.get(k), 0, 0), name + ": weight " + k + " differs after restore"));
        fresh.model().eval();
        assertEquals(expected, fresh.evaluate(), name + ": evaluation after restore");
    }

    @ParameterizedTest
    @MethodSource("models")
    void samplesHaveTheRequestedShape(String name) {
        ZooModel model = Zoo.get(name);
        Session session = model.open(SmallData.options(model, BATCH));
        session.model().eval();
        Optional<Samples> samples = session.sample(4);
        samples.ifPresent(s -> {
            if (s.isImages()) {
                assertEquals(4, s.count(), name);
                for (float v : s.images()) {
                    assertTrue(v >= 0 && v <= 1, name + ": pixel " + v);
                }
            } else if (s.isPoints()) {
                assertEquals(4, s.count(), name);
            } else {
                assertFalse(String.join("", s.text()).isEmpty(), name + ": empty text sample");
            }
        });
    }
}
