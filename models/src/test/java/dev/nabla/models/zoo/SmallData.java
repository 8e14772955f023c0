package dev.nabla.models.zoo;

import dev.nabla.Device;
import dev.nabla.models.data.DigitsDataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Tiny data for fast zoo tests: a few digits exported as MNIST IDX files (which also exercises --data). */
final class SmallData {

    private static Path digitsDir;

    private SmallData() {
    }

    /** A folder with 20 training and 5 test digits per class in MNIST layout, written once per JVM. */
    static synchronized Path digits() {
        if (digitsDir == null) {
            try {
                digitsDir = Files.createTempDirectory("nabla-zoo-digits");
                digitsDir.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            DigitsDataset.writeIdx(digitsDir, DigitsDataset.trainTest(20, 5, 7));
        }
        return digitsDir;
    }

    /** Options for a fast run of {@code model}: its defaults, small batches, the small digits. */
    static TrainOptions options(ZooModel model, int batchSize) {
        return new TrainOptions(1, batchSize, 0, Device.CPU, 3, digits(), null).resolve(model.defaults());
    }
}
