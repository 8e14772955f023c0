package dev.nabla.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleWriterTest {

    @TempDir
    Path dir;

    private static Samples fourImages() {
        float[] pixels = new float[4 * 3 * 3];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = i % 2;
        }
        return Samples.images(pixels, 3);
    }

    @Test
    void imagesBecomeAGridAndNothingElseIsLeftInTheFolder() throws IOException {
        Path png = dir.resolve("samples.png");
        SampleWriter.write(png, fourImages());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(4 * 3, image.getWidth());
        assertEquals(3, image.getHeight());
        assertEquals(0, image.getRaster().getSample(0, 0, 0));
        assertEquals(255, image.getRaster().getSample(1, 0, 0));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(png), files.toList());
        }
    }

    @Test
    void aFileThatCannotBeWrittenIsOneLineWithoutAStackTrace() throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("a-file"), "x");
        Path png = notAFolder.resolve("samples.png");
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        UncheckedIOException e;
        try {
            e = assertThrows(UncheckedIOException.class, () -> SampleWriter.write(png, fourImages()));
        } finally {
            System.setErr(err);
        }
        assertTrue(e.getMessage().startsWith("sample: cannot write " + png + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertEquals("", captured.toString(StandardCharsets.UTF_8), "nothing printed on the way");
    }
}
