package dev.nabla.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;
import dev.nabla.nn.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeightAveragingTest {

    private static void setValue(Parameter p, double... v) {
        try (GradMode ignored = Autograd.noGradScope()) {
            p.get().copyFrom(Tensor.of(v, v.length));
        }
    }

    @Test
    void emaFollowsItsRecurrence() {
        Parameter p = Parameter.of(Tensor.of(new double[] {1, 2}, 2));
        WeightAveraging ema = WeightAveraging.ema(List.of(p), 0.9);
        setValue(p, 3, 0);
        ema.update();
        setValue(p, 5, -2);
        ema.update();
        // avg1 = 0.9·(1,2) + 0.1·(3,0) = (1.2, 1.8); avg2 = 0.9·avg1 + 0.1·(5,−2) = (1.58, 1.42)
        assertArrayEquals(new double[] {1.58, 1.42}, ema.averages().get(0).toDoubleArray(), 1e-12);
        assertEquals(2, ema.updates());
    }

    @Test
    void polyakIsTheMeanOfAllIterates() {
        Parameter p = Parameter.of(Tensor.of(new double[] {1}, 1));
        WeightAveraging avg = WeightAveraging.polyak(List.of(p));
        double[] iterates = {4, -2, 7};
        for (double v : iterates) {
            setValue(p, v);
            avg.update();
        }
        assertArrayEquals(new double[] {(1 + 4 - 2 + 7) / 4.0}, avg.averages().get(0).toDoubleArray(), 1e-12);
    }

    @Test
    void appliedSwapsTheAveragesInAndRestoresTheTrainedWeights() {
        Parameter p = Parameter.of(Tensor.of(new double[] {0}, 1));
        WeightAveraging avg = WeightAveraging.polyak(List.of(p));
        setValue(p, 10);
        avg.update();
        try (WeightAveraging.Swap s = avg.applied()) {
            assertArrayEquals(new double[] {5}, p.get().toDoubleArray(), 0);
        }
        assertArrayEquals(new double[] {10}, p.get().toDoubleArray(), 0);
    }
}
