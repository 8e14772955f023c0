package dev.nabla.memory;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.nn.Activation;
import dev.nabla.nn.Functional;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.Adam;
import org.junit.jupiter.api.Test;

/** Thousands of training steps keep the heap flat: the tape and temporaries are all collectable. */
class TrainingMemoryTest {

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private static void train(Sequential model, Adam adam, Tensor x, Tensor y, int steps) {
        for (int i = 0; i < steps; i++) {
            Tensor loss = Functional.crossEntropy(model.forward(x), y);
            adam.zeroGrad();
            loss.backward();
            adam.step();
        }
    }

    @Test
    void heapStaysFlatOverThousandsOfSteps() {
        Generator.manualSeed(8);
        Sequential model = new Sequential(new Linear(16, 64), Activation.tanh(), new Linear(64, 4));
        Adam adam = new Adam(model.parameters(), Adam.options(1e-3));
        Tensor x = Tensor.randn(32, 16);
        Tensor y = Tensor.randint(0, 4, 32);
        train(model, adam, x, y, 200);
        long warm = usedAfterGc();
        train(model, adam, x, y, 3000);
        long after = usedAfterGc();
        // 3000 steps allocate hundreds of MB in total; a leak of even one small tensor per step would show
        assertTrue(after - warm < 8L << 20, "heap grew from " + warm + " to " + after + " bytes");
    }
}
