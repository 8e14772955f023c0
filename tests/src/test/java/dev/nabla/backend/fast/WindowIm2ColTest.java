package dev.nabla.backend.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.backend.Backends;
import org.junit.jupiter.api.Test;

/** The primitive im2col lowering against the definition written as loops, and col2im as its exact adjoint. */
class WindowIm2ColTest {

    private static final WindowIm2Col LOWERING = new WindowIm2Col(Backends.get(Device.CPU));

    private static Tensor normal(long seed, int... shape) {
        return Tensor.normal(new Generator(seed), 0, 1, DType.FLOAT64, Device.CPU, shape);
    }

    /** cols[n, (c·kh + i)·kw + j, oh·OW + ow] = x[n, c, oh·sh − ph + i·dh, ow·sw − pw + j·dw], 0 outside. */
    private static double[] definition(Tensor image, ColumnLayout l) {
        double[] x = image.toDoubleArray();
        int rows = l.channels() * l.kh() * l.kw();
        int p = l.outH() * l.outW();
        ConvGeometry g = l.geometry();
        double[] cols = new double[l.batch() * rows * p];
        for (int n = 0; n < l.batch(); n++) {
            for (int c = 0; c < l.channels(); c++) {
                for (int i = 0; i < l.kh(); i++) {
                    for (int j = 0; j < l.kw(); j++) {
                        for (int oh = 0; oh < l.outH(); oh++) {
                            for (int ow = 0; ow < l.outW(); ow++) {
                                int h = oh * g.strideH() - g.padH() + i * g.dilationH();
                                int w = ow * g.strideW() - g.padW() + j * g.dilationW();
                                boolean inside = h >= 0 && h < l.height() && w >= 0 && w < l.width();
                                int row = (c * l.kh() + i) * l.kw() + j;
                                cols[(n * rows + row) * p + oh * l.outW() + ow] = inside
                                        ? x[((n * l.channels() + c) * l.height() + h) * l.width() + w] : 0;
                            }
                        }
                    }
                }
            }
        }
        return cols;
    }

    private static final int[][] IMAGES = {{2, 3, 7, 6}, {1, 2, 9, 8}, {2, 2, 5, 5}, {3, 1, 6, 7}};
    private static final ConvGeometry[] GEOMETRIES = {ConvGeometry.of(1, 1, 1, 1), new ConvGeometry(2, 3, 1, 2, 2, 1, 1),
        ConvGeometry.unit(), new ConvGeometry(2, 1, 0, 1, 1, 2, 1)};
    private static final int[][] KERNELS = {{3, 3}, {3, 2}, {5, 5}, {2, 3}};

    @Test
    void im2colGathersEveryWindowAsTheDefinitionSays() {
        for (int t = 0; t < IMAGES.length; t++) {
            ColumnLayout layout = ColumnLayout.of("test", IMAGES[t], GEOMETRIES[t], KERNELS[t][0], KERNELS[t][1]);
            Tensor x = normal(t, IMAGES[t]);
            Tensor cols = Tensor.zeros(DType.FLOAT64, Device.CPU, layout.columnShape());
            LOWERING.im2col(x.strided(), layout.geometry(), layout.kh(), layout.kw(), cols.strided());
            assertArrayEquals(definition(x, layout), cols.toDoubleArray(), "case " + t);
        }
    }

    @Test
    void im2colReadsStridedInputs() {
        Tensor base = normal(7, 2, 6, 7, 3);
        Tensor x = base.permute(0, 3, 1, 2); // [2, 3, 6, 7], channels innermost in memory
        ColumnLayout layout = ColumnLayout.of("test", x.shape().toArray(), ConvGeometry.of(2, 1, 1, 1), 3, 3);
        Tensor cols = Tensor.zeros(DType.FLOAT64, Device.CPU, layout.columnShape());
        LOWERING.im2col(x.strided(), layout.geometry(), 3, 3, cols.strided());
        assertArrayEquals(definition(x.contiguous(), layout), cols.toDoubleArray());
    }

    /** ⟨im2col(x), c⟩ = ⟨x, col2im(c)⟩ for random x and c: col2im is the transpose of the gather. */
    @Test
    void col2imIsTheAdjointOfIm2col() {
        for (int t = 0; t < IMAGES.length; t++) {
            ColumnLayout layout = ColumnLayout.of("test", IMAGES[t], GEOMETRIES[t], KERNELS[t][0], KERNELS[t][1]);
            Tensor x = normal(10 + t, IMAGES[t]);
            Tensor c = normal(20 + t, layout.columnShape());
            Tensor folded = Tensor.full(99, DType.FLOAT64, Device.CPU, IMAGES[t]); // overwritten, not accumulated
            LOWERING.col2im(c.strided(), layout.geometry(), layout.kh(), layout.kw(), folded.strided());
            double[] unfolded = definition(x, layout);
            double left = 0;
            double[] cv = c.toDoubleArray();
            for (int i = 0; i < cv.length; i++) {
                left += unfolded[i] * cv[i];
            }
            double right = 0;
            double[] xv = x.toDoubleArray();
            double[] fv = folded.toDoubleArray();
            for (int i = 0; i < xv.length; i++) {
                right += xv[i] * fv[i];
            }
            assertEquals(left, right, 1e-10 * Math.max(1, Math.abs(left)), "case " + t);
        }
    }

    @Test
    void pixelsNoWindowReachesGetZero() {
        // stride 3 with a 1x1 kernel reads rows and columns 0 and 3 of a 4x4 image only
        ColumnLayout layout = ColumnLayout.of("test", new int[] {1, 1, 4, 4}, ConvGeometry.of(3, 0, 1, 1), 1, 1);
        Tensor folded = Tensor.full(5, DType.FLOAT64, Device.CPU, 1, 1, 4, 4);
        LOWERING.col2im(Tensor.ones(DType.FLOAT64, Device.CPU, layout.columnShape()).strided(), layout.geometry(), 1, 1,
                folded.strided());
        assertArrayEquals(new double[] {1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1}, folded.toDoubleArray());
    }

    @Test
    void mismatchedShapesAndDtypesAreNamed() {
        Tensor x = normal(1, 1, 2, 5, 5);
        ConvGeometry g = ConvGeometry.unit();
        IllegalArgumentException wrongCols = assertThrows(IllegalArgumentException.class, () -> LOWERING.im2col(
                x.strided(), g, 3, 3, Tensor.zeros(DType.FLOAT64, Device.CPU, 1, 18, 8).strided()));
        assertTrue(wrongCols.getMessage().contains("[1, 18, 9]") && wrongCols.getMessage().contains("[1, 18, 8]"),
                wrongCols.getMessage());
        IllegalArgumentException wrongDtype = assertThrows(IllegalArgumentException.class, () -> LOWERING.im2col(
                x.strided(), g, 3, 3, Tensor.zeros(DType.FLOAT32, Device.CPU, 1, 18, 9).strided()));
        assertTrue(wrongDtype.getMessage().contains("FLOAT32"), wrongDtype.getMessage());
        IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class,
                () -> ColumnLayout.of("im2col", new int[] {1, 2, 5, 5}, g, 6, 3));
        assertTrue(tooBig.getMessage().startsWith("im2col: input [1, 2, 5, 5] is smaller"), tooBig.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ColumnLayout.of("im2col", new int[] {2, 5, 5}, g, 3, 3));
    }
}
