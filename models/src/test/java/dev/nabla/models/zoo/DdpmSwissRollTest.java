package dev.nabla.models.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.models.train.Samples;
import dev.nabla.models.train.Session;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DdpmSwissRollTest {

    @Test
    void lossDecreasesAndSamplesArePoints() {
        ZooModel model = Zoo.get("ddpm-swissroll");
        TrainOptions options = SmallData.options(model, 256);
        Session session = model.open(options);
        ZooTesting.assertDecreases(ZooTesting.train(session, 30), 5);
        Map<String, Double> m = session.evaluate();
        assertTrue(m.get("real_chamfer") > 0 && m.get("real_chamfer") < m.get("sample_chamfer"), m.toString());
        Samples samples = session.sample(10).orElseThrow();
        assertTrue(samples.isPoints());
        assertEquals(10, samples.count());
        assertEquals(DdpmSession.DEFAULT_POINTS, session.sample(0).orElseThrow().count(), "count 0: the default");
    }
}
