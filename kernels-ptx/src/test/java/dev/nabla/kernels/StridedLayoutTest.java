package dev.nabla.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Packing of the NdLayout struct (164 bytes in the PTX signature). */
class StridedLayoutTest {

    @Test
    void packsRankShapeAndOperandMajorStrides() {
        // out [2, 3] contiguous, a = transposed [3, 2] view, b = row vector broadcast over rows.
        int[] packed = StridedLayout.pack(new int[] {2, 3}, new int[] {3, 1}, new int[] {1, 2}, new int[] {0, 1});
        int[] expected = new int[41];
        expected[0] = 2;
        expected[1] = 2;
        expected[2] = 3;
        expected[9] = 3;
        expected[10] = 1;
        expected[17] = 1;
        expected[18] = 2;
        expected[25] = 0;
        expected[26] = 1;
        assertArrayEquals(expected, packed);
        assertEquals(164, StridedLayout.PACKED_INTS * Integer.BYTES);
    }

    @Test
    void structSizeMatchesThePtxParameter() {
        assertTrue(PtxKernels.ptx("elementwise").contains(".param .align 4 .b8 ew_binary_strided_f32_param_4[164]"));
    }

    @Test
    void rejectsBadLayouts() {
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                () -> StridedLayout.pack(new int[9], new int[9]));
        assertTrue(rank.getMessage().contains("rank 9"), rank.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StridedLayout.pack(new int[] {2}));
        assertThrows(IllegalArgumentException.class,
                () -> StridedLayout.pack(new int[] {2}, new int[] {1}, new int[] {1}, new int[] {1}, new int[] {1}, new int[] {1}));
        assertThrows(IllegalArgumentException.class, () -> StridedLayout.pack(new int[] {2, 2}, new int[] {1}));
        assertThrows(IllegalArgumentException.class, () -> StridedLayout.pack(new int[] {-1}, new int[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> StridedLayout.pack(new int[] {65536, 65536}, new int[] {65536, 1}));
    }
}
