package dev.nabla.data.io;

/**
 * One split (train or test) of an MNIST-format data set.
 *
 * @param images {@code count × rows × cols} pixel values in [0, 1], row-major
 * @param labels one class label per image
 * @param rows image height in pixels
 * @param cols image width in pixels
 */
public record MnistSplit(float[] images, int[] labels, int rows, int cols) {

    /**
     * Checks that the images and labels agree in number.
     *
     * @throws IllegalArgumentException when {@code images.length != labels.length × rows × cols}
     */
    public MnistSplit {
        if ((long) labels.length * rows * cols != images.length) {
            throw new IllegalArgumentException("MnistSplit: " + images.length + " pixel values do not make "
                    + labels.length + " images of " + rows + "x" + cols);
        }
    }

    /** @return the number of images */
    public int count() {
        return labels.length;
    }
}
