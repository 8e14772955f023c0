package dev.nabla.models.zoo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.Device;
import dev.nabla.models.console.StatusLine;
import dev.nabla.models.train.CheckpointCadence;
import dev.nabla.models.train.RunState;
import dev.nabla.models.train.StopSignal;
import dev.nabla.models.train.TrainOutcome;
import dev.nabla.models.train.TrainingLoop;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The foundation's end-to-end proof: the spiral MLP with its defaults separates a freshly drawn spiral. */
class SpiralMlpTest {

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void reachesNinetyFivePercentAccuracyWithDefaults() {
        ZooModel model = Zoo.get("mlp-spiral");
        TrainOptions options = new TrainOptions(0, 0, 0, Device.CPU, 42, null, null)
                .resolve(model.defaults());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        TrainOutcome outcome = new TrainingLoop(new TrainingLoop.Run(model.name(), options.epochs(), null,
                CheckpointCadence.EPOCHS_ONLY, Map.of()), new StopSignal(), new PrintStream(log, true, StandardCharsets.UTF_8),
                StatusLine.none()).run(model.open(options), RunState.START);
        double accuracy = outcome.metrics().get("test_accuracy");
        assertTrue(accuracy >= 0.95, "accuracy " + accuracy + "\n" + log.toString(StandardCharsets.UTF_8));
    }
}
