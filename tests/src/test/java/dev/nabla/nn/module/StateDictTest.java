package dev.nabla.nn.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.io.SafeTensors;
import dev.nabla.nn.Activation;
import dev.nabla.nn.BatchNorm1d;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Sequential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDictTest {

    private static Sequential model() {
        return new Sequential(new Linear(3, 4), new BatchNorm1d(4), Activation.relu(), new Linear(4, 2));
    }

    @Test
    void namesAreDottedAndIncludeBuffers() {
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var",
                "1.num_batches_tracked", "3.weight", "3.bias"), List.copyOf(model().stateDict().keySet()));
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "3.weight", "3.bias"),
                List.copyOf(model().namedParameters().keySet()));
    }

    @Test
    void saveAndLoadRestoresIdenticalOutputs(@TempDir Path dir) throws java.io.IOException {
        Generator.manualSeed(1);
        Sequential a = model();
        a.eval();
        Generator.manualSeed(2);
        Sequential b = model();
        b.eval();
        Tensor x = Tensor.randn(5, 3);
        Path file = dir.resolve("model.safetensors");
        SafeTensors.write(file, a.stateDict());
        b.loadStateDict(SafeTensors.read(file).tensors(), true);
        assertTrue(a.forward(x).allClose(b.forward(x), 0, 0));
        assertTrue(Files.exists(file));
    }

    @Test
    void strictLoadingNamesMissingUnexpectedAndMisShapedKeys() {
        Sequential m = model();
        Map<String, Tensor> state = new LinkedHashMap<>(m.stateDict());
        state.remove("3.bias");
        state.put("9.weight", Tensor.zeros(1));
        state.put("0.weight", Tensor.zeros(4, 5));
        var e = assertThrows(IllegalArgumentException.class, () -> m.loadStateDict(state, true));
        assertTrue(e.getMessage().contains("missing keys [3.bias]"), e.getMessage());
        assertTrue(e.getMessage().contains("unexpected keys [9.weight]"), e.getMessage());
        assertTrue(e.getMessage().contains("'0.weight' has shape [4, 5] in the state dict but [4, 3] in the module"),
                e.getMessage());
        // non-strict loading tolerates missing and unexpected keys but never a wrong shape
        state.put("0.weight", Tensor.zeros(4, 3));
        m.loadStateDict(state, false);
        assertTrue(m.stateDict().get("0.weight").allClose(Tensor.zeros(4, 3)));
    }
}
