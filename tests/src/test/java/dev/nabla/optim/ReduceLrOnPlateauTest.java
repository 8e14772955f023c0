package dev.nabla.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.Tensor;
import dev.nabla.nn.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReduceLrOnPlateauTest {

    private static SGD optimizer() {
        return new SGD(List.of(Parameter.of(Tensor.zeros(1))), 1.0);
    }

    /** Feeds the metrics and returns the rate after each. */
    private static double[] rates(ReduceLrOnPlateau p, double... metrics) {
        double[] out = new double[metrics.length];
        for (int i = 0; i < metrics.length; i++) {
            p.step(metrics[i]);
            out[i] = p.lr();
        }
        return out;
    }

    @Test
    void halvesWhenTheValidationLossRisesPastPatience() {
        ReduceLrOnPlateau p = new ReduceLrOnPlateau(optimizer(), MetricMode.MIN, 0.5, 2, 0, 0, 0);
        // best 1.0 at step 0; three bad steps: the third exceeds patience 2 and halves; counting restarts
        double[] got = rates(p, 1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {1, 1, 1, 0.5, 0.5, 0.5, 0.25}, got, 0);
        assertEquals(1.0, p.best());
    }

    @Test
    void improvementsSmallerThanTheRelativeThresholdDoNotCount() {
        ReduceLrOnPlateau p = new ReduceLrOnPlateau(optimizer(), MetricMode.MIN, 0.1, 1, 0.01, 0, 0);
        // 0.995 is better than 1.0 but not by 1%
        double[] got = rates(p, 1.0, 0.995, 0.994);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {1, 1, 0.1}, got, 1e-15);
    }

    @Test
    void cooldownAndMinimumRate() {
        ReduceLrOnPlateau p = new ReduceLrOnPlateau(optimizer(), MetricMode.MAX, 0.5, 0, 0, 2, 0.3);
        // max mode: falling accuracy is bad; patience 0 reduces at once, then 2 cooldown steps, then min lr 0.3
        double[] got = rates(p, 0.9, 0.8, 0.8, 0.8, 0.8, 0.8);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {1, 0.5, 0.5, 0.5, 0.3, 0.3}, got, 1e-15);
    }

    @Test
    void stateRoundTrips() {
        ReduceLrOnPlateau a = new ReduceLrOnPlateau(optimizer(), MetricMode.MIN, 0.5, 1, 0, 0, 0);
        rates(a, 1.0, 2.0);
        SGD other = optimizer();
        ReduceLrOnPlateau b = new ReduceLrOnPlateau(other, MetricMode.MIN, 0.5, 1, 0, 0, 0);
        b.loadStateDict(a.stateDict());
        b.step(3.0); // the second bad step in a row exceeds patience 1
        assertEquals(0.5, b.lr());
    }
}
