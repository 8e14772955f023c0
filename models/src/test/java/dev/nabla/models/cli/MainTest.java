package dev.nabla.models.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {

    private static String captureErr(Runnable r) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void unknownModelIsAOneLineErrorWithNonZeroExit() {
        int[] code = new int[1];
        String err = captureErr(() -> code[0] = Main.run("train", "no-such-model"));
        assertEquals(2, code[0]);
        assertTrue(err.contains("unknown model 'no-such-model'"), err);
        assertTrue(err.contains("mlp-spiral"), "lists the known models: " + err);
    }

    @Test
    void badOptionValueIsRejected() {
        int[] code = new int[1];
        String err = captureErr(() -> code[0] = Main.run("train", "mlp-spiral", "--epochs", "-3"));
        assertEquals(2, code[0]);
        assertTrue(err.contains("epochs"), err);
    }
}
