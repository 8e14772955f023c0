package dev.nabla.models.zoo;

import dev.nabla.Device;
import dev.nabla.Tensor;
import dev.nabla.data.io.MnistLoader;
import dev.nabla.data.io.MnistSplit;
import dev.nabla.models.data.DigitsDataset;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Square grayscale images with class labels, split into training and test sets, as tensors
 * {@code [N, 1, side, side]} (pixels in [0, 1]) and INT64 labels {@code [N]}.
 *
 * @param trainX training images
 * @param trainY training labels
 * @param testX test images
 * @param testY test labels
 * @param side image side in pixels
 * @param source where the images came from, for the log
 */
public record LabelledImages(Tensor trainX, Tensor trainY, Tensor testX, Tensor testY, int side, String source) {

    /** The digit models' classes: labels are 0 to 9, in the embedded digits and in MNIST-format files alike. */
    public static final int CLASSES = 10;

    /**
     * The embedded synthetic digits, or MNIST-format IDX files from {@code options.data()}.
     *
     * @param trainPerClass embedded training images per digit (ignored for real data)
     * @param testPerClass embedded test images per digit (ignored for real data)
     * @throws IllegalArgumentException when the folder or a file is missing or malformed, a split holds
     *     no images, or a label (training or test) lies outside the {@value #CLASSES} classes, so that
     *     bad data stops the run before its first epoch
     */
    public static LabelledImages digits(TrainOptions options, int trainPerClass, int testPerClass) {
        Device device = options.device();
        Path dir = options.data();
        if (dir == null) {
            DigitsDataset.Split split = DigitsDataset.trainTest(trainPerClass, testPerClass, options.seed());
            int s = DigitsDataset.SIZE;
            return new LabelledImages(images(split.train().images(), s, device), labels(split.train().labels(), device),
                    images(split.test().images(), s, device), labels(split.test().labels(), device), s,
                    "embedded digits (" + split.train().count() + " train, " + split.test().count() + " test)");
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--data " + dir + " is not a folder of MNIST IDX files");
        }
        MnistLoader.Mnist mnist = MnistLoader.load(dir);
        MnistSplit train = mnist.train();
        MnistSplit test = mnist.test();
        if (train.rows() != train.cols() || test.rows() != train.rows() || test.cols() != train.cols()) {
            throw new IllegalArgumentException("--data " + dir + ": expected square images of one size, got train "
                    + train.rows() + "x" + train.cols() + " and test " + test.rows() + "x" + test.cols());
        }
        int s = train.rows();
        checkSplit(dir, "training", train);
        checkSplit(dir, "test", test);
        return new LabelledImages(images(train.images(), s, device), labels(train.labels(), device),
                images(test.images(), s, device), labels(test.labels(), device), s,
                "IDX files in " + dir + " (" + train.count() + " train, " + test.count() + " test)");
    }

    private static void checkSplit(Path dir, String split, MnistSplit data) {
        if (data.count() == 0 || data.rows() == 0) {
            throw new IllegalArgumentException("--data " + dir + ": the " + split + " files hold no images ("
                    + data.count() + " of " + data.rows() + "x" + data.cols() + " pixels)");
        }
        int[] labels = data.labels();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= CLASSES) {
                throw new IllegalArgumentException("--data " + dir + ": the " + split + " labels hold " + labels[i]
                        + " (item " + i + "), outside the " + CLASSES + " classes 0.." + (CLASSES - 1)
                        + " of the digit models");
            }
        }
    }

    /** Flat pixel rows as {@code [N, 1, side, side]}. */
    static Tensor images(float[] pixels, int side, Device device) {
        return Tensor.of(pixels, pixels.length / (side * side), 1, side, side).to(device);
    }

    private static Tensor labels(int[] labels, Device device) {
        return Tensor.ofIndices(labels, labels.length).to(device);
    }

    /** The number of classes, {@value #CLASSES}: every label has been checked to lie below it. */
    public int classes() {
        return CLASSES;
    }
}
