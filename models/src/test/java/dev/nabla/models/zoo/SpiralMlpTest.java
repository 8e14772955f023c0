package dev.nabla.models.zoo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.Device;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SpiralMlpTest {

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void reachesNinetyFivePercentTrainingAccuracyWithDefaults() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        TrainResult result = new SpiralMlp().train(new TrainOptions(0, 0, 0, Device.CPU, 42, null, null),
                new PrintStream(log, true, StandardCharsets.UTF_8));
        double accuracy = result.metrics().get("train_accuracy");
        assertTrue(accuracy >= 0.95, "accuracy " + accuracy + "\n" + log.toString(StandardCharsets.UTF_8));
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("epoch 100"), "prints progress per epoch");
    }
}
