package dev.nabla.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The symbol lists the library decision checks must match the functions the bindings declare. */
class NativeBindingsTest {

    private static Set<String> declared(Class<?> binding) {
        Set<String> names = new TreeSet<>();
        for (Method m : binding.getDeclaredMethods()) {
            names.add(m.getName());
        }
        return names;
    }

    @Test
    void cublasSymbolListIsExactlyTheDeclaredFunctions() {
        assertEquals(declared(CublasLibrary.class), new TreeSet<>(CublasLibrary.REQUIRED_SYMBOLS));
    }

    @Test
    void cudnnSymbolListsAreExactlyTheDeclaredFunctions() {
        List<String> all = new ArrayList<>(CudnnLibrary.CONV_SYMBOLS);
        all.addAll(CudnnLibrary.RNN_SYMBOLS);
        Set<String> checked = new TreeSet<>(all);
        assertEquals(all.size(), checked.size()); // no name listed twice
        Set<String> declared = declared(CudnnLibrary.class);
        // Pure helpers that need no check: the error text, and softmax (which has a PTX kernel anyway).
        declared.removeAll(Set.of("cudnnGetErrorString", "cudnnSoftmaxForward", "cudnnSoftmaxBackward"));
        assertEquals(declared, checked);
    }

    @Test
    void convolutionPerfStructHasTheCLayout() {
        // int algo, int status, float time, (4 padding), size_t memory, int determinism, int mathType,
        // int reserved[3] = 44 bytes, rounded up to the 8-byte alignment of size_t.
        assertEquals(48, new ConvolutionAlgoPerf().size());
    }
}
