package dev.nabla.data.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Loads an MNIST-format data set (MNIST, Fashion-MNIST, ...) from a directory holding the four
 * standard IDX files, each plain or gzip-compressed ({@code .gz}).
 */
public final class MnistLoader {

    /** Train and test splits of an MNIST-format data set. */
    public record Mnist(MnistSplit train, MnistSplit test) {
    }

    private MnistLoader() {
    }

    /**
     * Loads both splits from {@code dir}: {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
     * {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte}, each optionally with {@code .gz}.
     *
     * @param dir the directory
     * @return the train and test splits, pixels scaled to [0, 1]
     * @throws IllegalArgumentException when a file is missing or malformed, or an image file and its
     *     label file disagree on the number of items
     */
    public static Mnist load(Path dir) {
        return new Mnist(loadSplit(dir, "train"), loadSplit(dir, "t10k"));
    }

    /**
     * Loads one split, {@code PREFIX-images-idx3-ubyte(.gz)} with {@code PREFIX-labels-idx1-ubyte(.gz)}.
     *
     * @param dir the directory
     * @param prefix {@code train} or {@code t10k}
     * @return the split, pixels scaled to [0, 1]
     * @throws IllegalArgumentException as {@link #load(Path)}
     */
    public static MnistSplit loadSplit(Path dir, String prefix) {
        Path imageFile = find(dir, prefix + "-images-idx3-ubyte");
        Path labelFile = find(dir, prefix + "-labels-idx1-ubyte");
        IdxArray images = IdxReader.read(imageFile, IdxFormat.IMAGES_MAGIC);
        IdxArray labels = IdxReader.read(labelFile, IdxFormat.LABELS_MAGIC);
        if (images.count() != labels.count()) {
            throw new IllegalArgumentException("loadMnist: " + imageFile + " holds " + images.count()
                    + " images but " + labelFile + " holds " + labels.count() + " labels");
        }
        return new MnistSplit(toUnitFloats(images), toInts(labels), images.dims()[1], images.dims()[2]);
    }

    private static Path find(Path dir, String name) {
        Path plain = dir.resolve(name);
        Path gzip = dir.resolve(name + ".gz");
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        if (Files.isRegularFile(gzip)) {
            return gzip;
        }
        throw new IllegalArgumentException("loadMnist: found neither " + plain + " nor " + gzip);
    }

    private static float[] toUnitFloats(IdxArray array) {
        float[] values = new float[array.data().length];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.unsigned(i) / 255f;
        }
        return values;
    }

    private static int[] toInts(IdxArray array) {
        int[] values = new int[array.data().length];
        Arrays.setAll(values, array::unsigned);
        return values;
    }
}
