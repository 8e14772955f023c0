package dev.nabla.models.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.models.train.SampleWriter;
import dev.nabla.models.train.Samples;
import dev.nabla.models.train.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GAN on tiny IDX digit files: both networks train, metrics make sense, samples are pixels. */
class GanDigitsTest {

    @TempDir
    Path dir;

    @Test
    void ganTrainsBothNetworksAndWritesASampleGrid() throws java.io.IOException {
        ZooModel model = Zoo.get("gan-digits");
        TrainOptions options = SmallData.options(model, 20);
        Session session = model.open(options);
        assertEquals(2, session.optimizers().size());
        float[] before = session.model().stateDict().get("generator.0.weight").toFloatArray().clone();
        float[] beforeD = session.model().stateDict().get("discriminator.0.weight").toFloatArray().clone();
        ZooTesting.train(session, 3);
        assertTrue(!java.util.Arrays.equals(before, session.model().stateDict().get("generator.0.weight").toFloatArray()));
        assertTrue(!java.util.Arrays.equals(beforeD,
                session.model().stateDict().get("discriminator.0.weight").toFloatArray()));
        Map<String, Double> m = session.evaluate();
        assertTrue(m.get("d_real") > 0 && m.get("d_real") < 1 && m.get("sample_nn_mse") > 0, m.toString());
        Samples samples = session.sample(6).orElseThrow();
        assertEquals(6, samples.count());
        assertEquals(28, samples.side());
        for (float p : samples.images()) {
            assertTrue(p >= 0 && p <= 1, "pixel " + p);
        }
        Path png = dir.resolve("gan.png");
        SampleWriter.write(png, samples);
        assertTrue(Files.size(png) > 0);
    }
}
