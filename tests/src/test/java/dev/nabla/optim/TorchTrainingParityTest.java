package dev.nabla.optim;

import static dev.nabla.torch.TorchFixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.Tensor;
import dev.nabla.nn.Parameter;
import dev.nabla.torch.TorchFixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PyTorch's schedulers and {@code clip_grad_norm_} step by step: the learning rates PyTorch 1.13 set on an SGD
 * optimizer (base rate 0.1) after each {@code scheduler.step()}, and the clipped gradients and total norms, from
 * {@code torch/training.safetensors}.
 */
class TorchTrainingParityTest {

    private static final Map<String, Tensor> TORCH = TorchFixtures.load("training.safetensors");

    /** Drives an optimizer through {@link LrScheduler} and compares every rate, t = 0 included. */
    private static void assertRates(String key, Schedule schedule) {
        assertRates(key, schedule, TORCH.get(key).numel());
    }

    /** The first {@code steps} rates. */
    private static void assertRates(String key, Schedule schedule, int steps) {
        double[] expected = java.util.Arrays.copyOf(TORCH.get(key).toDoubleArray(), steps);
        SGD sgd = new SGD(List.of(Parameter.of(Tensor.zeros(1))), 0.1);
        LrScheduler scheduler = new LrScheduler(sgd, schedule);
        for (int t = 0; t < expected.length; t++) {
            assertEquals(expected[t], scheduler.lr(), 1e-12 * Math.max(1, expected[t]), key + " at step " + t);
            if (t + 1 < expected.length) {
                scheduler.step();
            }
        }
    }

    @Test
    void oneCycleFollowsPyTorch() {
        // every rate an update uses (steps 0 .. total - 1); after the last step PyTorch extrapolates past the end
        assertRates("lr.one_cycle", Schedule.oneCycle(20), 20);
        Schedule threePhase = Schedule.oneCycle(25, 0.25, false, 10, 100, true);
        assertRates("lr.one_cycle_three_phase_linear", threePhase, 25);
        assertTrue(TORCH.get("lr.one_cycle_three_phase_linear").toDoubleArray()[25] < 0, "PyTorch's extrapolated rate");
        assertEquals(0.1 / 10 / 100, threePhase.lr(0.1, 25), 1e-18, "the final rate held instead");
        var past = assertThrows(IllegalArgumentException.class, () -> Schedule.oneCycle(20).lr(0.1, 21));
        assertTrue(past.getMessage().contains("past the 20 total steps"), past.getMessage());
    }

    @Test
    void cosineWarmRestartsFollowsPyTorch() {
        assertRates("lr.warm_restarts", Schedule.cosineWarmRestarts(3, 2, 0.01));
        assertRates("lr.warm_restarts_fixed", Schedule.cosineWarmRestarts(4, 1, 0));
    }

    @Test
    void linearAndPolynomialFollowPyTorch() {
        assertRates("lr.linear", Schedule.linear(1 / 3.0, 0.9, 5));
        assertRates("lr.polynomial", Schedule.polynomial(6, 2));
    }

    @Test
    void sequentialChainsSchedulesWithFreshClocksAtTheMilestones() {
        assertRates("lr.sequential", Schedule.sequential(List.of(Schedule.linear(0.1, 1, 4), Schedule.cosine(6, 0.001),
                Schedule.polynomial(5, 1.5)), 4, 10));
        assertThrows(IllegalArgumentException.class,
                () -> Schedule.sequential(List.of(Schedule.constant(), Schedule.constant()), 4, 8));
        assertThrows(IllegalArgumentException.class,
                () -> Schedule.sequential(List.of(Schedule.constant(), Schedule.constant(), Schedule.constant()), 5, 5));
    }

    @Test
    void clipGradNormByAnyPNormFollowsPyTorch() {
        for (String p : new String[] {"1", "2", "3", "inf"}) {
            double normType = p.equals("inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(p);
            Parameter a = withGrad(TORCH.get("clip.g0"));
            Parameter b = withGrad(TORCH.get("clip.g1"));
            double total = GradClip.clipGradNorm(List.of(a, b), 0.5, normType);
            String what = "p=" + p;
            assertEquals(TORCH.get("clip.p" + p + ".total").item(), total, 1e-12, what + " total norm");
            assertClose(TORCH.get("clip.p" + p + ".g0"), a.grad(), 1e-12, what + " first gradient");
            assertClose(TORCH.get("clip.p" + p + ".g1"), b.grad(), 1e-12, what + " second gradient");
        }
        var bad = assertThrows(IllegalArgumentException.class,
                () -> GradClip.clipGradNorm(List.of(withGrad(TORCH.get("clip.g1"))), 1, 0));
        assertTrue(bad.getMessage().contains("normType"), bad.getMessage());
    }

    private static Parameter withGrad(Tensor grad) {
        Parameter p = Parameter.of(Tensor.zerosLike(grad));
        p.get().setGrad(grad.copy());
        return p;
    }
}
