package dev.nabla.models.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.io.IdxWriter;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MNIST-format data for the digit models is checked before training: labels within the 10 classes, images present. */
class LabelledImagesTest {

    @TempDir
    Path dir;

    /** Writes a split of {@code labels.length} blank 4×4 images with the given labels. */
    private void split(String prefix, int... labels) {
        IdxWriter.writeImages(dir.resolve(prefix + "-images-idx3-ubyte"), new float[labels.length * 16], 4, 4);
        IdxWriter.writeLabels(dir.resolve(prefix + "-labels-idx1-ubyte"), labels);
    }

    private IllegalArgumentException openFails() {
        ZooModel mlp = Zoo.get("mlp-digits");
        TrainOptions options = new TrainOptions(1, 2, 0, dev.nabla.Device.CPU, 3, dir, null).resolve(mlp.defaults());
        return assertThrows(IllegalArgumentException.class, () -> mlp.open(options));
    }

    @Test
    void aTrainingLabelAboveNineStopsTheRunInsteadOfWideningTheClassifier() throws IOException {
        split("train", 1, 12, 3);
        split("t10k", 0, 9);
        IllegalArgumentException e = openFails();
        assertTrue(e.getMessage().contains("the training labels hold 12 (item 1), outside the 10 classes 0..9"),
                e.getMessage());
    }

    @Test
    void aTestLabelOutOfRangeIsCaughtBeforeTheFirstEpoch() throws IOException {
        split("train", 1, 2, 3);
        split("t10k", 0, 255);
        IllegalArgumentException e = openFails();
        assertTrue(e.getMessage().contains("the test labels hold 255 (item 1)"), e.getMessage());
    }

    @Test
    void noImagesIsAClearError() throws IOException {
        split("train");
        split("t10k", 0);
        IllegalArgumentException e = openFails();
        assertTrue(e.getMessage().contains("the training files hold no images"), e.getMessage());
    }

    @Test
    void validLabelsGiveTenClasses() throws IOException {
        split("train", 0, 9, 4);
        split("t10k", 2);
        LabelledImages data = LabelledImages.digits(
                new TrainOptions(1, 2, 0, dev.nabla.Device.CPU, 3, dir, null), 1, 1);
        assertEquals(10, data.classes());
        assertEquals(3, data.trainY().numel());
    }
}
