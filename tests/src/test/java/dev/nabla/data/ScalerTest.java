package dev.nabla.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.Tensor;
import org.junit.jupiter.api.Test;

class ScalerTest {

    private static final double[][] TRAIN = {{1, 10, 5}, {3, 20, 5}, {5, 60, 5}};

    @Test
    void standardizerUsesTrainingStatisticsOnly() {
        Standardizer s = new Standardizer();
        s.fit(Tensor.of(TRAIN));
        // column 0: mean 3, population std √(8/3); column 1: mean 30, std √(1400/3); column 2 constant → scale 1
        double sd0 = Math.sqrt(8.0 / 3);
        double sd1 = Math.sqrt(1400.0 / 3);
        Tensor test = Tensor.of(new double[][] {{7, 0, 6}});
        assertArrayEquals(new double[] {(7 - 3) / sd0, (0 - 30) / sd1, 1}, s.transform(test).toDoubleArray(), 1e-12);
        Tensor z = s.transform(Tensor.of(TRAIN));
        assertArrayEquals(new double[] {0, 0, 0}, z.mean(0).toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {1, 1, 0}, z.std(new int[] {0}, 0, false).toDoubleArray(), 1e-12);
        assertArrayEquals(test.toDoubleArray(), s.inverseTransform(s.transform(test)).toDoubleArray(), 1e-12);
    }

    @Test
    void minMaxMapsTheTrainingRangeOntoTheTarget() {
        MinMaxScaler s = new MinMaxScaler(-1, 1);
        s.fit(Tensor.of(TRAIN));
        assertArrayEquals(new double[] {-1, -1, -1, 0, -0.6, -1, 1, 1, -1}, s.transform(Tensor.of(TRAIN)).toDoubleArray(),
                1e-12);
        // column 2 is constant: its range counts as 1, so 5 maps to −1 and 0 to −1 − 5·2 = −11
        Tensor test = Tensor.of(new double[][] {{9, 35, 0}});
        assertArrayEquals(new double[] {3, 0, -11}, s.transform(test).toDoubleArray(), 1e-12);
        assertArrayEquals(test.toDoubleArray(), s.inverseTransform(s.transform(test)).toDoubleArray(), 1e-12);
    }

    @Test
    void transformBeforeFitIsAnError() {
        assertThrows(IllegalStateException.class, () -> new Standardizer().transform(Tensor.of(TRAIN)));
    }
}
