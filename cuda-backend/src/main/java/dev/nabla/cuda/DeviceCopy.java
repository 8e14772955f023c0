package dev.nabla.cuda;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One device-to-device copy of {@code bytes} from address {@code src} to {@code dst}.
 *
 * @param src the first source byte
 * @param dst the first destination byte
 * @param bytes how many bytes
 */
record DeviceCopy(long src, long dst, long bytes) {

    /** The copy the other way round. */
    DeviceCopy reversed() {
        return new DeviceCopy(dst, src, bytes);
    }

    /**
     * The same bytes moved by fewer copies: ordered by source, a copy that continues the previous one on both
     * sides joins it (the gate blocks of one weight tensor usually lie in cuDNN's weight space in their own
     * order, so a tensor becomes one copy rather than one per gate).
     */
    static List<DeviceCopy> coalesce(List<DeviceCopy> copies) {
        List<DeviceCopy> sorted = new ArrayList<>(copies);
        sorted.sort(Comparator.comparingLong(DeviceCopy::src));
        List<DeviceCopy> merged = new ArrayList<>();
        for (DeviceCopy next : sorted) {
            DeviceCopy last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && last.src + last.bytes == next.src && last.dst + last.bytes == next.dst) {
                merged.set(merged.size() - 1, new DeviceCopy(last.src, last.dst, last.bytes + next.bytes));
            } else {
                merged.add(next);
            }
        }
        return merged;
    }
}
