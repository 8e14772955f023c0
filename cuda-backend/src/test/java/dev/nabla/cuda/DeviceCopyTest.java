package dev.nabla.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceCopyTest {

    @Test
    void copiesContinuingEachOtherOnBothSidesMergeInAnyOrder() {
        // four 8-byte gate blocks of one tensor, placed in order in the weight space, listed out of order
        List<DeviceCopy> gates = List.of(new DeviceCopy(1016, 5016, 8), new DeviceCopy(1000, 5000, 8),
                new DeviceCopy(1024, 5024, 8), new DeviceCopy(1008, 5008, 8));
        assertEquals(List.of(new DeviceCopy(1000, 5000, 32)), DeviceCopy.coalesce(gates));
    }

    @Test
    void aJumpOnEitherSideStartsANewCopy() {
        List<DeviceCopy> copies = List.of(new DeviceCopy(0, 100, 4), new DeviceCopy(4, 112, 4),
                new DeviceCopy(12, 116, 4), new DeviceCopy(16, 120, 4));
        // 4 continues the source but not the destination; 12 jumps the source; 16 continues both
        assertEquals(List.of(new DeviceCopy(0, 100, 4), new DeviceCopy(4, 112, 4), new DeviceCopy(12, 116, 8)),
                DeviceCopy.coalesce(copies));
        assertEquals(List.of(), DeviceCopy.coalesce(List.of()));
    }

    @Test
    void reversedSwapsSourceAndDestination() {
        assertEquals(new DeviceCopy(7, 3, 5), new DeviceCopy(3, 7, 5).reversed());
    }
}
