package dev.nabla.models.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Tensor;
import dev.nabla.models.train.Batches;
import dev.nabla.nn.Linear;
import dev.nabla.optim.SGD;
import dev.nabla.optim.Schedule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassifierSessionTest {

    @Test
    void theLearningRateOfEachStepComesFromItsIndexOverAllEpochs() {
        Linear net = new Linear(2, 3);
        net.to(DType.FLOAT64);
        SGD sgd = new SGD(net.parameters(), 0.5, 0);
        Tensor x = Tensor.zeros(DType.FLOAT64, Device.best(), 8, 2);
        Tensor y = Tensor.ofIndices(new int[] {0, 1, 2, 0, 1, 2, 0, 1}, 8);
        List<Long> steps = new ArrayList<>();
        Schedule halving = (base, t) -> {
            steps.add(t);
            return base / (1 + t);
        };
        ClassifierSession session = new ClassifierSession(net, sgd, new Tensor[] {x, y}, new Tensor[] {x, y},
                new Batches(8, 4, 7, Device.best()), halving);
        assertEquals(2, session.stepsPerEpoch());
        session.trainStep(1, 0);
        assertEquals(0.5, sgd.paramGroups().get(0).lr(), "epochs count from 1: the first step is t = 0");
        session.trainStep(2, 1);
        assertEquals(0.5 / 4, sgd.paramGroups().get(0).lr(), "epoch 2, step 1 is t = 3");
        assertEquals(List.of(0L, 3L), steps);
    }

    @Test
    void cosineAnnealingReachesZeroOnlyAfterTheLastStep() {
        Schedule cosine = Schedule.cosine(3 * 10, 0);
        assertEquals(1.0, cosine.lr(1.0, 0), 1e-15);
        assertEquals(0.5, cosine.lr(1.0, 15), 1e-15);
        assertEquals((1 + Math.cos(Math.PI * 29 / 30)) / 2, cosine.lr(1.0, 29), 1e-15);
    }
}
