package dev.nabla.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.Tensor;
import dev.nabla.nn.Parameter;
import java.util.List;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    private static SGD optimizer(double lr) {
        return new SGD(List.of(Parameter.of(Tensor.zeros(1))), lr);
    }

    /** Steps a scheduler 20 times and compares every rate with {@code formula(t)}. */
    private static void assertFollows(Schedule schedule, double base, LongToDoubleFunction formula) {
        SGD sgd = optimizer(base);
        LrScheduler s = new LrScheduler(sgd, schedule);
        for (long t = 0; t <= 20; t++) {
            assertEquals(formula.applyAsDouble(t), s.lr(), 1e-15, "t=" + t);
            assertEquals(s.lr(), sgd.paramGroups().get(0).lr());
            s.step();
        }
    }

    @Test
    void stepDecay() {
        assertFollows(Schedule.stepDecay(3, 0.5), 0.8, t -> 0.8 * Math.pow(0.5, t / 3));
    }

    @Test
    void exponential() {
        assertFollows(Schedule.exponential(0.9), 0.1, t -> 0.1 * Math.pow(0.9, t));
    }

    @Test
    void inverseTime() {
        assertFollows(Schedule.inverseTime(0.25), 1.0, t -> 1.0 / (1 + 0.25 * t));
    }

    @Test
    void cosineAnnealingReachesTheMinimumAndStays() {
        assertFollows(Schedule.cosine(10, 0.01), 0.1,
                t -> t >= 10 ? 0.01 : 0.01 + (0.1 - 0.01) * (1 + Math.cos(Math.PI * t / 10)) / 2);
    }

    @Test
    void linearWarmupThenCosine() {
        assertFollows(Schedule.linearWarmup(4, 0.2, Schedule.cosine(8, 0)), 1.0,
                t -> t < 4 ? 0.2 + 0.8 * t / 4.0 : (1 + Math.cos(Math.PI * Math.min(t - 4, 8) / 8)) / 2);
    }

    @Test
    void everyGroupIsScaledFromItsOwnBaseRate() {
        SGD sgd = new SGD(SGD.options(1.0), ParamGroup.of(List.of(Parameter.of(Tensor.zeros(1)))),
                ParamGroup.of(List.of(Parameter.of(Tensor.zeros(1)))).lr(0.1));
        LrScheduler s = new LrScheduler(sgd, Schedule.exponential(0.5));
        s.step();
        s.step();
        assertEquals(List.of(0.25, 0.025), s.lrs());
    }

    @Test
    void schedulerStateRoundTrips() {
        LrScheduler a = new LrScheduler(optimizer(0.1), Schedule.exponential(0.5));
        a.step();
        a.step();
        SGD other = optimizer(0.1);
        LrScheduler b = new LrScheduler(other, Schedule.exponential(0.5));
        b.loadStateDict(a.stateDict());
        assertEquals(2, b.stepCount());
        assertEquals(0.025, other.paramGroups().get(0).lr(), 1e-15);
    }
}
