package dev.nabla.data.io;

/**
 * Constants of the IDX file format (the format of the MNIST files): a big-endian magic number
 * {@code 0x0000TTNN} where {@code TT} is the element type and {@code NN} the number of dimensions,
 * then {@code NN} big-endian 32-bit dimensions, then the data.
 */
public final class IdxFormat {

    /** Element type code of unsigned bytes, the only type MNIST uses. */
    public static final int UNSIGNED_BYTE = 0x08;
    /** Magic number of a one-dimensional unsigned-byte file (MNIST labels). */
    public static final int LABELS_MAGIC = 0x00000801;
    /** Magic number of a three-dimensional unsigned-byte file (MNIST images). */
    public static final int IMAGES_MAGIC = 0x00000803;

    private IdxFormat() {
    }

    /**
     * @param dimensions the number of dimensions, 1..255
     * @return the magic number of an unsigned-byte array with that many dimensions
     */
    public static int unsignedByteMagic(int dimensions) {
        return (UNSIGNED_BYTE << 8) | dimensions;
    }
}
