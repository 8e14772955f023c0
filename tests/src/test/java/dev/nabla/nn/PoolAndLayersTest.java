package dev.nabla.nn;

import static dev.nabla.nn.NnAssert.assertClose;
import static dev.nabla.nn.NnAssert.assertGradients;
import static dev.nabla.nn.NnAssert.assertSecondOrder;
import static dev.nabla.nn.NnAssert.randn64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.Shape;
import dev.nabla.Tensor;
import dev.nabla.backend.fast.ConvGeometry;
import dev.nabla.backend.fast.PoolGeometry;
import org.junit.jupiter.api.Test;

/** Pooling, batch norm and the structural layers against hand-worked values and gradient checks. */
class PoolAndLayersTest {

    private static final Tensor GRID = Tensor.of(new double[] {
        1, 2, 3, 4,
        5, 6, 7, 8,
        9, 10, 11, 12,
        13, 14, 15, 16}, 1, 1, 4, 4);

    @Test
    void maxPoolPicksWindowMaxima() {
        assertClose(new double[] {6, 8, 14, 16}, new MaxPool2d(2).forward(GRID), 0);
        // 3x3 windows, stride 2, padding 1: windows centred on (0,0), (0,2), (2,0), (2,2)
        assertClose(new double[] {6, 8, 14, 16}, PoolOps.maxPool2d(GRID, PoolGeometry.of(3, 2, 1)), 0);
        assertClose(new double[] {11, 12, 15, 16}, PoolOps.maxPool2d(GRID, PoolGeometry.of(3, 1, 0)), 0);
    }

    @Test
    void maxPoolGradientGoesToTheMaximum() {
        Tensor x = GRID.detach().copy().requiresGrad(true);
        PoolOps.maxPool2d(x, PoolGeometry.of(3, 1, 0)).sum().backward();
        assertClose(new double[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1}, x.grad(), 0);
        assertGradients(in -> PoolOps.maxPool2d(in[0], new PoolGeometry(2, 3, 2, 1, 1, 1)), randn64(1, 2, 2, 5, 5));
    }

    @Test
    void ofTwoNansInAWindowTheFirstInWindowOrderWinsOnEveryPath() {
        // NaN at (0, 1) and (1, 0): the 2 × 2 window (0, 0) and the 3 × 3 window (0, 0) hold both, (0, 1) first
        double[] grid = GRID.toDoubleArray();
        grid[1] = Double.NaN;
        grid[4] = Double.NaN;
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            Tensor pairs = Tensor.of(grid, 1, 1, 4, 4).to(dtype).requiresGrad(true);
            PoolOps.maxPool2d(pairs, PoolGeometry.of(2, 2, 0)).sum().backward();
            assertClose(new double[] {0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1}, pairs.grad(), 0);
            Tensor general = Tensor.of(grid, 1, 1, 4, 4).to(dtype).requiresGrad(true);
            Tensor y = PoolOps.maxPool2d(general, PoolGeometry.of(3, 1, 0));
            y.sum().backward();
            double[] values = y.toDoubleArray();
            assertTrue(Double.isNaN(values[0]) && Double.isNaN(values[1]) && Double.isNaN(values[2]), dtype + " NaN wins");
            assertEquals(16, values[3], dtype.toString());
            // windows (0, 0) and (0, 1) route to (0, 1); window (1, 0) holds only (1, 0)
            assertClose(new double[] {0, 2, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, general.grad(), 0);
        }
    }

    @Test
    void avgPoolWithAndWithoutPaddingInDivisor() {
        assertClose(new double[] {3.5, 5.5, 11.5, 13.5}, new AvgPool2d(2).forward(GRID), 1e-12);
        // top-left 3x3 window with padding 1 covers 1,2,5,6: sum 14
        Tensor included = PoolOps.avgPool2d(GRID, PoolGeometry.of(3, 2, 1), true);
        Tensor excluded = PoolOps.avgPool2d(GRID, PoolGeometry.of(3, 2, 1), false);
        assertClose(14 / 9.0, included.narrow(2, 0, 1).narrow(3, 0, 1), 1e-12);
        assertClose(14 / 4.0, excluded.narrow(2, 0, 1).narrow(3, 0, 1), 1e-12);
        // centre window (1,1): rows 1..3, cols 1..3, all inside
        assertClose((6 + 7 + 8 + 10 + 11 + 12 + 14 + 15 + 16) / 9.0, excluded.narrow(2, 1, 1).narrow(3, 1, 1), 1e-12);
    }

    @Test
    void avgPoolGradients() {
        assertGradients(in -> PoolOps.avgPool2d(in[0], PoolGeometry.of(3, 2, 1), false), randn64(2, 1, 2, 5, 4));
        assertSecondOrder(in -> PoolOps.avgPool2d(in[0], PoolGeometry.of(2, 1, 1), true).pow(2), randn64(3, 1, 1, 3, 3));
    }

    @Test
    void adaptiveAvgPoolUsesPyTorchWindows() {
        assertClose(new double[] {8.5}, new AdaptiveAvgPool2d(1).forward(GRID), 1e-12);
        // 4 -> 3: windows [0,2), [1,3), [2,4) on both axes
        Tensor y = new AdaptiveAvgPool2d(3).forward(GRID);
        assertClose(new double[] {3.5, 4.5, 5.5, 7.5, 8.5, 9.5, 11.5, 12.5, 13.5}, y, 1e-12);
        Tensor x5 = Tensor.arange(0, 5, 1, DType.FLOAT64, dev.nabla.Device.best()).reshape(1, 1, 1, 5);
        // 5 -> 3: windows [0,2), [1,4), [3,5)
        assertClose(new double[] {0.5, 2, 3.5}, new AdaptiveAvgPool2d(1, 3).forward(x5), 1e-12);
        assertGradients(in -> PoolOps.adaptiveAvgPool2d(in[0], 2, 3), randn64(4, 1, 2, 5, 5));
    }

    @Test
    void poolRejectsBadInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MaxPool2d(2).forward(Tensor.zeros(3, 4, 4)));
        assertTrue(e.getMessage().contains("maxPool2d") && e.getMessage().contains("[3, 4, 4]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PoolGeometry.of(2, 2, 2));
    }

    @Test
    void batchNormTrainUsesBatchStatsAndUpdatesRunningStats() {
        BatchNorm1d bn = new BatchNorm1d(2);
        bn.to(DType.FLOAT64);
        Tensor x = Tensor.of(new double[] {1, 10, 3, 20, 5, 30}, 3, 2);
        // feature 0: mean 3, biased var 8/3, unbiased 4; feature 1: mean 20, biased var 200/3, unbiased 100
        Tensor y = bn.forward(x);
        double s0 = Math.sqrt(8.0 / 3 + 1e-5);
        double s1 = Math.sqrt(200.0 / 3 + 1e-5);
        assertClose(new double[] {-2 / s0, -10 / s1, 0, 0, 2 / s0, 10 / s1}, y, 1e-9);
        assertClose(new double[] {0.3, 2.0}, bn.runningMean().get(), 1e-12);
        assertClose(new double[] {0.9 + 0.4, 0.9 + 10}, bn.runningVar().get(), 1e-12);
        bn.eval();
        Tensor z = bn.forward(x);
        assertClose(new double[] {(1 - 0.3) / Math.sqrt(1.3 + 1e-5), (10 - 2) / Math.sqrt(10.9 + 1e-5)},
                z.narrow(0, 0, 1), 1e-9);
        assertClose(new double[] {0.3, 2.0}, bn.runningMean().get(), 1e-12);
    }

    @Test
    void batchNorm2dNormalisesPerChannelOverBatchAndSpace() {
        BatchNorm2d bn = new BatchNorm2d(3);
        Tensor x = Tensor.randn(4, 3, 5, 5).mul(3).add(7);
        double[] y = bn.forward(x).permute(1, 0, 2, 3).reshape(3, 100).toDoubleArray();
        for (int c = 0; c < 3; c++) {
            double mean = 0;
            double sq = 0;
            for (int i = 0; i < 100; i++) {
                mean += y[c * 100 + i] / 100;
                sq += y[c * 100 + i] * y[c * 100 + i] / 100;
            }
            assertEquals(0, mean, 1e-5);
            assertEquals(1, sq - mean * mean, 1e-3);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bn.forward(Tensor.zeros(2, 4, 3, 3)));
        assertTrue(e.getMessage().contains("C=3") && e.getMessage().contains("[2, 4, 3, 3]"), e.getMessage());
    }

    @Test
    void batchNormGradientsInTrainingAndEval() {
        Tensor w = randn64(5, 2);
        Tensor b = randn64(6, 2);
        Tensor x = randn64(7, 3, 2, 2, 2);
        assertGradients(in -> Functional.batchNorm(in[0], null, null, in[1], in[2], true, 0.1, 1e-5), x, w, b);
        Tensor rm = Tensor.of(new double[] {0.5, -1});
        Tensor rv = Tensor.of(new double[] {2, 0.5});
        assertGradients(in -> Functional.batchNorm(in[0], rm, rv, in[1], in[2], false, 0.1, 1e-5), x, w, b);
    }

    @Test
    void conv2dLayerHasPyTorchInitAndShapes() {
        Conv2d conv = new Conv2d(3, 8, 3, 1, 1);
        assertEquals(Shape.of(8, 3, 3, 3), conv.weight().get().shape());
        double bound = 1 / Math.sqrt(27);
        double[] w = conv.weight().get().toDoubleArray();
        double max = 0;
        for (double v : w) {
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max <= bound && max > 0.8 * bound, "max |w| " + max + " vs bound " + bound);
        assertEquals(Shape.of(2, 8, 6, 6), conv.forward(Tensor.zeros(2, 3, 6, 6)).shape());
        Conv2d depthwise = new Conv2d(4, 4, 3, 1, 1, 1, 4, false);
        assertEquals(Shape.of(4, 1, 3, 3), depthwise.weight().get().shape());
        assertEquals(null, depthwise.bias());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Conv2d(3, 4, 3, 1, 0, 1, 2, true));
        assertTrue(e.getMessage().contains("groups=2"), e.getMessage());
    }

    @Test
    void depthwiseSeparableBlockTrainsEndToEnd() {
        Sequential block = new Sequential(new Conv2d(2, 2, 3, 1, 1, 1, 2, true), new Conv2d(2, 4, 1));
        block.to(DType.FLOAT64);
        Tensor x = randn64(8, 1, 2, 4, 4);
        Tensor y = block.forward(x);
        assertEquals(Shape.of(1, 4, 4, 4), y.shape());
        y.sum().backward();
        for (Parameter p : block.parameters()) {
            assertTrue(p.grad() != null && p.grad().shape().equals(p.get().shape()), p.toString());
        }
    }

    @Test
    void conv1dAndTransposedLayers() {
        Conv1d c1 = new Conv1d(2, 3, 3, 2, 1, 1, 1, true);
        assertEquals(Shape.of(4, 3, 5), c1.forward(Tensor.zeros(4, 2, 10)).shape());
        ConvTranspose2d up = new ConvTranspose2d(4, 2, 3, 2, 1, 1);
        assertEquals(Shape.of(4, 2, 3, 3), up.weight().get().shape());
        assertEquals(Shape.of(1, 2, 10, 10), up.forward(Tensor.zeros(1, 4, 5, 5)).shape());
        // the transposed layer's fan-in is out/groups * k * k = 18
        double bound = 1 / Math.sqrt(18);
        for (double v : up.bias().get().toDoubleArray()) {
            assertTrue(Math.abs(v) <= bound, "bias " + v);
        }
        ConvTranspose2d t = new ConvTranspose2d(2, 3, 2, 2, new ConvGeometry(2, 1, 0, 1, 1, 1, 1), 1, 0, true);
        assertEquals(Shape.of(1, 3, 7, 1), t.forward(Tensor.zeros(1, 2, 3, 2)).shape());
        ConvGeometry geo = new ConvGeometry(2, 1, 0, 1, 1, 1, 1);
        assertGradients(in -> ConvOps.convTranspose2d(in[0], in[1], in[2], geo, 1, 0), randn64(9, 1, 2, 3, 2),
                randn64(10, 2, 3, 2, 2), randn64(12, 3));
    }

    @Test
    void upsampleFlattenIdentityAndModuleList() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4}, 1, 1, 2, 2);
        assertClose(new double[] {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}, new Upsample(2).forward(x), 0);
        assertClose(new double[] {1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4}, new Upsample(1, 3).forward(x), 0);
        assertGradients(in -> Upsample.nearest(in[0], 2, 3), randn64(11, 1, 2, 2, 2));
        assertEquals(Shape.of(2, 12), new Flatten().forward(Tensor.zeros(2, 3, 4)).shape());
        assertEquals(Shape.of(6, 4), new Flatten(0, 1).forward(Tensor.zeros(2, 3, 4)).shape());
        assertTrue(new Identity().forward(x) == x);
        ModuleList list = new ModuleList(new Linear(2, 3), new Linear(3, 1));
        assertEquals(2, list.size());
        assertEquals(java.util.List.of("0.weight", "0.bias", "1.weight", "1.bias"),
                java.util.List.copyOf(list.namedParameters().keySet()));
        Tensor h = Tensor.zeros(5, 2);
        for (Module m : list) {
            h = m.forward(h);
        }
        assertEquals(Shape.of(5, 1), h.shape());
        assertThrows(UnsupportedOperationException.class, () -> list.forward(x));
    }
}
