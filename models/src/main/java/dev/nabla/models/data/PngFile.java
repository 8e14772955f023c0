package dev.nabla.models.data;

import dev.nabla.io.AtomicFiles;
import java.awt.image.RenderedImage;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Writes an image as a PNG file atomically ({@link AtomicFiles}: a failed write leaves the previous
 * file, or none). The encoder writes to an in-memory {@link ImageOutputStream} of our own, so that a
 * file that cannot be written is one {@link IOException}: {@code ImageIO.write(image, "png", File)}
 * prints a stack trace of its own first, and caches through {@code java.io.tmpdir}.
 */
public final class PngFile {

    private PngFile() {
    }

    /**
     * Replaces {@code file} with {@code image} as a PNG.
     *
     * @throws IOException when the file cannot be written (the target is then unchanged)
     */
    public static void write(Path file, RenderedImage image) throws IOException {
        AtomicFiles.write(file, channel -> {
            // not closed: closing the ImageOutputStream leaves the channel open, as AtomicFiles needs it
            ImageOutputStream out = new MemoryCacheImageOutputStream(Channels.newOutputStream(channel));
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("this JDK has no PNG encoder");
            }
            out.flush();
        });
    }
}
