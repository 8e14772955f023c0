package dev.nabla.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;
import dev.nabla.nn.Linear;
import dev.nabla.optim.MetricMode;
import org.junit.jupiter.api.Test;

class EarlyStoppingTest {

    private static void setWeights(Linear layer, float value) {
        try (GradMode ignored = Autograd.noGradScope()) {
            layer.weight().get().fillInPlace(value);
        }
    }

    @Test
    void stopsAfterPatienceAndRestoresTheBestWeights() {
        Linear layer = new Linear(2, 2);
        EarlyStopping stop = new EarlyStopping(layer, MetricMode.MIN, 2, 0.0);
        float[] weightsPerEpoch = {1, 2, 3, 4};
        double[] valLoss = {0.9, 0.5, 0.6, 0.7};
        boolean[] stopped = new boolean[4];
        for (int e = 0; e < 4; e++) {
            setWeights(layer, weightsPerEpoch[e]);
            stopped[e] = stop.update(valLoss[e]);
        }
        assertArrayEquals(new boolean[] {false, false, false, true}, stopped);
        assertEquals(1, stop.bestCheck());
        assertEquals(0.5, stop.best());
        stop.restoreBest();
        assertArrayEquals(new float[] {2, 2, 2, 2}, layer.weight().get().toFloatArray());
    }

    @Test
    void maxModeWithMinDelta() {
        Linear layer = new Linear(1, 1);
        EarlyStopping stop = new EarlyStopping(layer, MetricMode.MAX, 1, 0.01);
        assertFalse(stop.update(0.80));
        assertTrue(stop.update(0.805), "an accuracy gain below minDelta is not an improvement");
        assertEquals(0.80, stop.best());
    }

    @Test
    void restoreBeforeAnyCheckIsAnError() {
        EarlyStopping stop = new EarlyStopping(new Linear(1, 1), MetricMode.MIN, 1, 0);
        assertThrows(IllegalStateException.class, stop::restoreBest);
    }
}
