package dev.nabla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Element counts are exact: a shape whose product (or the product of its non-zero extents, which
 * strides need) passes 2^31-1 is refused wherever a shape is made, never wrapped to a small count.
 */
class ShapeOverflowTest {

    private static void refused(Executable call, String shape) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(shape) && e.getMessage().contains("2^31-1"), e.getMessage());
    }

    @Test
    void creationRefusesCountsThatWrap() {
        // 2^64 elements: a long product wraps to exactly 0
        refused(() -> Tensor.zeros(65536, 65536, 65536, 65536), "[65536, 65536, 65536, 65536]");
        // (2^31-1)^2·3 wraps a long to a value that passed the old check
        refused(() -> Tensor.of(new float[6], 2147483647, 2147483647, 3), "[2147483647, 2147483647, 3]");
        refused(() -> Tensor.rand(65536, 65536, 65536, 65536), "[65536, 65536, 65536, 65536]");
        refused(() -> Shape.of(1 << 16, 1 << 16), "[65536, 65536]");
        assertEquals(Integer.MAX_VALUE, Shape.numel(new int[] {Integer.MAX_VALUE}));
        assertEquals(0, Shape.numel(new int[] {0, 1 << 15, 1 << 15}));
    }

    @Test
    void emptyShapesWhoseStridesWouldOverflowAreRefused() {
        // numel 0, but the contiguous stride of the first dimension would be 2^32
        refused(() -> Tensor.zeros(0, 65536, 65536), "[0, 65536, 65536]");
        refused(() -> Shape.numel(new int[] {65536, 65536, 0}), "non-zero dimensions");
    }

    @Test
    void viewsAndReshapesRefuseCountsThatWrap() {
        Tensor empty = Tensor.zeros(0);
        // the old reshape multiplied the requested extents in a long that wrapped to 0 == numel
        refused(() -> empty.reshape(65536, 65536, 65536, 65536), "[65536, 65536, 65536, 65536]");
        refused(() -> Tensor.scalar(1).expand(65536, 65536, 65536, 65536), "[65536, 65536, 65536, 65536]");
        refused(() -> Tensor.zeros(4).reshape(-1, 65536, 65536, 0), "reshape: cannot reshape into [-1, 65536, 65536, 0]");
    }

    @Test
    void squareFactoriesCheckTheirProduct() {
        refused(() -> Tensor.eye(65536), "[65536, 65536]");
    }
}
