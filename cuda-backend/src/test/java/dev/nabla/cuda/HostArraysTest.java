package dev.nabla.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.DType;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class HostArraysTest {

    @Test
    void recognisesTheThreeArrayTypes() {
        assertEquals(DType.FLOAT32, HostArrays.dtypeOf(new float[2]));
        assertEquals(DType.FLOAT64, HostArrays.dtypeOf(new double[2]));
        assertEquals(DType.INT64, HostArrays.dtypeOf(new long[2]));
        assertEquals(3, HostArrays.length(new long[3]));
        assertEquals(4, ((double[]) HostArrays.allocate(DType.FLOAT64, 4)).length);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HostArrays.dtypeOf(new int[1]));
        assertEquals("upload: expected float[], double[] or long[], got int[]", e.getMessage());
    }

    @Test
    void putAndGetMoveTheRequestedRangeThroughABuffer() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(64);
        HostArrays.put(buffer, new double[] {1, 2, 3, 4, 5}, 1, 3);
        double[] back = new double[5];
        HostArrays.get(buffer, back, 2, 3);
        assertArrayEquals(new double[] {0, 0, 2, 3, 4}, back);
        HostArrays.put(buffer, new long[] {-7, Long.MAX_VALUE}, 0, 2);
        long[] longs = new long[2];
        HostArrays.get(buffer, longs, 0, 2);
        assertArrayEquals(new long[] {-7, Long.MAX_VALUE}, longs);
    }
}
