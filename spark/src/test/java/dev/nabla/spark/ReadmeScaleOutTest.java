package dev.nabla.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.readme.examples.ScaleOut;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's "Scale out" program ({@code dev.nabla.readme.examples.ScaleOut}, shown verbatim in the README, which
 * the tests module's {@code ReadmeExamplesTest} checks) runs on {@code local[2]} and learns what it should.
 */
class ReadmeScaleOutTest {

    @Test
    void theReadmeScaleOutProgramRuns() {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            ScaleOut.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        List<String> out = bytes.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("epoch")).toList();
        String accuracy = out.get(0);
        assertTrue(accuracy.startsWith("data-parallel accuracy "), out.toString());
        assertTrue(Double.parseDouble(accuracy.substring("data-parallel accuracy ".length())) > 0.85, accuracy);
        assertEquals("k-means [3, 2], PCA [2, 2], GMM [3], ridge [2], logistic predicts 1 for (2, 2)", out.get(1));
    }
}
