package dev.nabla.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.Tensor;
import dev.nabla.backend.Strided;
import org.junit.jupiter.api.Test;

/**
 * Hand-worked loops of the general gather / scatter-add kernels. The first four are the layouts that
 * {@code kernels-ptx}'s {@code emulated_primitives.cu} runs on the host emulator against the CPU backend, so these
 * tests tie that emulation to the launches this backend builds.
 */
class GatherPlanTest {

    private static Strided view(int... shape) {
        return Tensor.zeros(DType.FLOAT32, dev.nabla.Device.CPU, shape).strided();
    }

    private static Strided indices(int... shape) {
        return Tensor.zeros(DType.INT64, dev.nabla.Device.CPU, shape).strided();
    }

    private static void assertLoop(GatherPlan plan, int[] shape, int[][] strides, int axisSize, int axisStride) {
        assertArrayEquals(shape, plan.loop().shape(), "shape");
        for (int op = 0; op < strides.length; op++) {
            assertArrayEquals(strides[op], plan.loop().strides()[op], "operand " + op);
        }
        assertEquals(axisSize, plan.axisSize());
        assertEquals(axisStride, plan.axisStride());
        assertTrue(plan.fitsLayout());
    }

    @Test
    void crossEntropysPickIsOneDimensionalWithTheRowStride() {
        Strided target = Tensor.zeros(DType.INT64, dev.nabla.Device.CPU, 8).unsqueeze(1).strided();
        GatherPlan plan = GatherPlan.gather(view(8, 10), 1, target, view(8, 1));
        assertLoop(plan, new int[] {8}, new int[][] {{1}, {10}, {1}}, 10, 1);
    }

    @Test
    void gatherAlongRowsZeroesTheRowStrideOfTheSource() {
        GatherPlan plan = GatherPlan.gather(view(5, 7), 0, indices(3, 7), view(3, 7));
        assertLoop(plan, new int[] {3, 7}, new int[][] {{7, 1}, {0, 1}, {7, 1}}, 5, 7);
    }

    @Test
    void gatherFromATransposedSourceKeepsItsStrides() {
        Strided transposed = Tensor.zeros(DType.FLOAT32, dev.nabla.Device.CPU, 7, 5).transpose(0, 1).strided();
        GatherPlan plan = GatherPlan.gather(transposed, 1, indices(5, 3), view(5, 3));
        assertLoop(plan, new int[] {5, 3}, new int[][] {{3, 1}, {1, 0}, {3, 1}}, 7, 5);
    }

    @Test
    void scatterAddZeroesTheDestinationsAxisStride() {
        GatherPlan plan = GatherPlan.scatterAdd(view(5, 7), 0, indices(6, 7), view(6, 7));
        assertLoop(plan, new int[] {6, 7}, new int[][] {{0, 1}, {7, 1}, {7, 1}}, 5, 7);
    }

    @Test
    void denseOperandsMergeAcrossDimensionsOutsideTheAxis() {
        // [2, 3, 4] gathered along the last axis by a [2, 3, 2] index: the two leading dimensions merge
        GatherPlan plan = GatherPlan.gather(view(2, 3, 4), 2, indices(2, 3, 2), view(2, 3, 2));
        assertLoop(plan, new int[] {6, 2}, new int[][] {{2, 1}, {4, 0}, {2, 1}}, 4, 1);
    }

    @Test
    void loopsOfRankAboveEightDoNotFitTheLayout() {
        int[] shape = {2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2};
        int[] strides = new int[shape.length];
        for (int d = 0; d < shape.length; d++) {
            strides[d] = 1 << (shape.length - d);  // gaps everywhere: nothing merges
        }
        Strided sparse = new Strided(view(1 << 20).storage(), shape, strides, 0);
        Strided index = indices(shape);
        assertFalse(GatherPlan.gather(sparse, 0, index, sparse).fitsLayout());
    }
}
