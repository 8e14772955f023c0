package dev.nabla.torch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.Tensor;
import dev.nabla.io.SafeTensors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PyTorch 1.13 reference values written by {@code src/test/resources/torch/make_fixtures.py} (run by hand):
 * safetensors files of inputs, upstream gradients, outputs and gradients, and small models' state dicts.
 */
public final class TorchFixtures {

    private TorchFixtures() {
    }

    /** Every tensor of {@code torch/<file>}. */
    public static Map<String, Tensor> load(String file) {
        URL url = TorchFixtures.class.getResource("/torch/" + file);
        if (url == null) {
            throw new IllegalStateException("missing fixture torch/" + file + ": run make_fixtures.py");
        }
        try {
            return SafeTensors.read(Path.of(url.toURI())).tensors();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The entries whose names start with {@code prefix}, with the prefix removed (a model's state dict). */
    public static Map<String, Tensor> withPrefix(Map<String, Tensor> all, String prefix) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        all.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    /** Same shape and every element within {@code tol · max(1, |expected|)}, naming the first mismatch. */
    public static void assertClose(Tensor expected, Tensor actual, double tol, String what) {
        assertArrayEquals(expected.shape().toArray(), actual.shape().toArray(), what + ": shape");
        double[] e = expected.toDoubleArray();
        double[] a = actual.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], tol * Math.max(1, Math.abs(e[i])), what + ": element " + i);
        }
    }
}
