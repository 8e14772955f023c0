package dev.nabla.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.Tensor;
import dev.nabla.nn.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParamGroupTest {

    private static Parameter withGrad(double value, double grad) {
        Parameter p = Parameter.of(Tensor.of(new double[] {value}, 1));
        p.get().setGrad(Tensor.of(new double[] {grad}, 1));
        return p;
    }

    @Test
    void eachGroupUsesItsOwnLearningRateAndInheritsTheRest() {
        Parameter fast = withGrad(1.0, 2.0);
        Parameter slow = withGrad(1.0, 2.0);
        SGD sgd = new SGD(SGD.options(0.1).weightDecay(0.5), ParamGroup.of(List.of(fast)),
                ParamGroup.of(List.of(slow)).lr(0.01));
        sgd.step();
        // d = g + λp = 2 + 0.5 = 2.5
        assertArrayEquals(new double[] {1 - 0.1 * 2.5}, fast.get().toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {1 - 0.01 * 2.5}, slow.get().toDoubleArray(), 1e-15);
        assertEquals(0.5, sgd.paramGroups().get(1).get(Optimizer.WEIGHT_DECAY));
    }

    @Test
    void settingTheLearningRateChangesTheNextStep() {
        Parameter p = withGrad(0.0, 1.0);
        SGD sgd = new SGD(List.of(p), 0.1);
        sgd.paramGroups().get(0).setLr(0.5);
        sgd.step();
        assertArrayEquals(new double[] {-0.5}, p.get().toDoubleArray(), 1e-15);
    }

    @Test
    void badGroupsAreRejectedWithTheirNames() {
        Parameter p = withGrad(0, 1);
        var unknown = assertThrows(IllegalArgumentException.class,
                () -> new Adam(Adam.options(0.1), ParamGroup.of(List.of(p)).set("momentum", 0.9)));
        assertTrue(unknown.getMessage().contains("momentum"), unknown.getMessage());
        var twice = assertThrows(IllegalArgumentException.class,
                () -> new SGD(SGD.options(0.1), ParamGroup.of(List.of(p)), ParamGroup.of(List.of(p))));
        assertTrue(twice.getMessage().contains("more than one group"), twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(p), SGD.options(0.1).nesterov(true)));
        assertThrows(IllegalArgumentException.class, () -> ParamGroup.of(List.of(p)).setLr(-1));
    }

    @Test
    void stateDictRoundTripContinuesIdentically() {
        Parameter a = Quadratic.startingPoint();
        Adam first = new Adam(List.of(a), Adam.options(0.1).amsgrad(true));
        for (int t = 0; t < 2; t++) {
            first.zeroGrad();
            Quadratic.backward(a);
            first.step();
        }
        Parameter b = Parameter.of(a.get().detach().copy());
        Adam second = new Adam(List.of(b), Adam.options(0.7));
        second.loadStateDict(first.stateDict());
        assertEquals(0.1, second.paramGroups().get(0).lr());
        assertEquals(2L, second.stateDict().get("state.0.step"));
        first.zeroGrad();
        Quadratic.backward(a);
        first.step();
        Quadratic.backward(b);
        second.step();
        assertArrayEquals(a.get().toDoubleArray(), b.get().toDoubleArray(), 0);
    }

    @Test
    void loadStateDictRejectsMismatchedShapes() {
        Parameter a = Quadratic.startingPoint();
        SGD sgd = new SGD(List.of(a), 0.1, 0.9);
        Quadratic.backward(a);
        sgd.step();
        var state = new java.util.HashMap<>(sgd.stateDict());
        state.put("state.0.momentum_buffer", Tensor.zeros(2));
        var e = assertThrows(IllegalArgumentException.class, () -> sgd.loadStateDict(state));
        assertTrue(e.getMessage().contains("momentum_buffer"), e.getMessage());
    }
}
