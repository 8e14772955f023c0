package dev.nabla.cuda;

import java.util.ArrayList;
import java.util.List;

/**
 * How a host-device transfer is carried out. Transfers below the threshold copy straight from the
 * Java array; larger ones go through a pinned staging buffer split into two halves, so that
 * filling one half on the host overlaps the DMA of the other.
 *
 * @param thresholdBytes transfers of at least this many bytes are staged
 * @param chunkBytes the size of one staging half
 */
public record StagingPlan(long thresholdBytes, long chunkBytes) {

    /** 1 MiB threshold and 4 MiB halves: below 1 MiB the driver's own staging is as fast. */
    public static final StagingPlan DEFAULT = new StagingPlan(1L << 20, 4L << 20);

    /** Validates the sizes. */
    public StagingPlan {
        if (thresholdBytes < 0 || chunkBytes <= 0) {
            throw new IllegalArgumentException("StagingPlan: threshold " + thresholdBytes + " and chunk "
                    + chunkBytes + " must be >= 0 and > 0");
        }
    }

    /**
     * One piece of a staged transfer.
     *
     * @param offset the byte offset in the host array and the device block
     * @param length the bytes in this piece
     * @param slot which staging half (0 or 1) carries it
     */
    public record Chunk(long offset, long length, int slot) {
    }

    /** Whether a transfer of {@code bytes} goes through the pinned buffer. */
    public boolean staged(long bytes) {
        return bytes >= thresholdBytes && bytes > 0;
    }

    /**
     * Splits a transfer of {@code totalBytes} into chunks of at most {@link #chunkBytes()}, each a
     * whole number of elements, alternating between the two staging halves.
     *
     * @throws IllegalArgumentException when the sizes are negative, the element size is not
     *     positive, the total is not a whole number of elements, or one element exceeds a chunk
     */
    public List<Chunk> chunks(long totalBytes, int elementBytes) {
        if (totalBytes < 0 || elementBytes <= 0 || totalBytes % elementBytes != 0 || elementBytes > chunkBytes) {
            throw new IllegalArgumentException("StagingPlan.chunks: " + totalBytes + " bytes of " + elementBytes
                    + "-byte elements cannot be split into chunks of " + chunkBytes + " bytes");
        }
        long step = chunkBytes - chunkBytes % elementBytes;
        List<Chunk> chunks = new ArrayList<>();
        for (long offset = 0; offset < totalBytes; offset += step) {
            chunks.add(new Chunk(offset, Math.min(step, totalBytes - offset), chunks.size() % 2));
        }
        return chunks;
    }
}
