package dev.nabla.models.data;

import dev.nabla.data.io.IdxWriter;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A synthetic stand-in for MNIST: 28×28 grayscale digits rendered from the JDK's fonts and from
 * hand-placed pen strokes, each randomly distorted (rotation ±15°, scale 0.8–1.15, stretch, shear,
 * shift ±3 px, stroke thickness) with Gaussian pixel noise, centred by mass, values in [0, 1].
 * Works headless and needs no download; the same seed always gives the same images.
 */
public final class DigitsDataset {

    /** Side of the images in pixels. */
    public static final int SIZE = DigitRenderer.SIZE;
    /** Number of classes (digits 0..9). */
    public static final int CLASSES = 10;
    /** Default training images per class of {@link #trainTest(long)}. */
    public static final int DEFAULT_TRAIN_PER_CLASS = 1000;
    /** Default test images per class of {@link #trainTest(long)}. */
    public static final int DEFAULT_TEST_PER_CLASS = 200;

    private static final ThreadLocal<DigitRenderer> RENDERERS = ThreadLocal.withInitial(DigitRenderer::new);

    /**
     * Images with their labels.
     *
     * @param images {@code count × 28 × 28} pixel values in [0, 1], row-major
     * @param labels the digit shown by each image
     */
    public record Digits(float[] images, int[] labels) {

        /** @return the number of images */
        public int count() {
            return labels.length;
        }
    }

    /**
     * A training set and a test set rendered from independent random streams.
     *
     * @param train the training images
     * @param test the test images
     */
    public record Split(Digits train, Digits test) {
    }

    private DigitsDataset() {
    }

    /**
     * Renders {@code perClass} images of each digit; image {@code i} shows digit {@code i % 10}.
     *
     * @param perClass images per digit
     * @param seed the random seed
     * @return {@code 10 × perClass} images and labels
     * @throws IllegalArgumentException when {@code perClass} is not positive
     */
    public static Digits generate(int perClass, long seed) {
        if (perClass <= 0) {
            throw new IllegalArgumentException("DigitsDataset.generate: perClass must be positive, got " + perClass);
        }
        int count = perClass * CLASSES;
        int pixels = SIZE * SIZE;
        // One stream per image, split off in order, so the result does not depend on the threads.
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom[] streams = new SplittableRandom[count];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            streams[i] = root.split();
            labels[i] = i % CLASSES;
        }
        float[] images = new float[count * pixels];
        IntStream.range(0, count).parallel()
                .forEach(i -> RENDERERS.get().render(labels[i], streams[i], images, i * pixels));
        return new Digits(images, labels);
    }

    /**
     * The default split: {@value #DEFAULT_TRAIN_PER_CLASS} training and {@value #DEFAULT_TEST_PER_CLASS}
     * test images per class.
     *
     * @param seed the random seed
     * @return the split
     */
    public static Split trainTest(long seed) {
        return trainTest(DEFAULT_TRAIN_PER_CLASS, DEFAULT_TEST_PER_CLASS, seed);
    }

    /**
     * A training and a test set drawn from two independent streams derived from one seed.
     *
     * @param trainPerClass training images per digit
     * @param testPerClass test images per digit
     * @param seed the random seed
     * @return the split
     */
    public static Split trainTest(int trainPerClass, int testPerClass, long seed) {
        SplittableRandom seeds = new SplittableRandom(seed);
        long trainSeed = seeds.nextLong();
        long testSeed = seeds.nextLong();
        return new Split(generate(trainPerClass, trainSeed), generate(testPerClass, testSeed));
    }

    /**
     * Saves the first {@code count} images as a PNG grid for inspection.
     *
     * @param file the PNG file
     * @param digits the images
     * @param count how many to draw
     * @param columns images per grid row
     */
    public static void writePngGrid(Path file, Digits digits, int count, int columns) {
        ImageGrid.writePng(file, digits.images(), SIZE, count, columns);
    }

    /**
     * Exports a split in the MNIST file layout ({@code train-images-idx3-ubyte.gz} and the three
     * others), so that {@link dev.nabla.data.io.MnistLoader#load(Path)} and other MNIST tools read it.
     * Pixels are stored as bytes, so values come back rounded to multiples of 1/255.
     *
     * @param dir an existing directory
     * @param split the images to write
     */
    public static void writeIdx(Path dir, Split split) {
        writeIdx(dir, "train", split.train());
        writeIdx(dir, "t10k", split.test());
    }

    private static void writeIdx(Path dir, String prefix, Digits digits) {
        IdxWriter.writeImages(dir.resolve(prefix + "-images-idx3-ubyte.gz"), digits.images(), SIZE, SIZE);
        IdxWriter.writeLabels(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), digits.labels());
    }
}
