package dev.nabla.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.Tensor;
import dev.nabla.nn.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradClipTest {

    private static Parameter withGrad(double... grad) {
        Parameter p = Parameter.of(Tensor.zeros(dev.nabla.DType.FLOAT64, dev.nabla.Device.best(), grad.length));
        p.get().setGrad(Tensor.of(grad, grad.length));
        return p;
    }

    @Test
    void clipByGlobalNormScalesEveryGradientAndReturnsTheNorm() {
        Parameter a = withGrad(3, 4);
        Parameter b = withGrad(12);
        Parameter none = Parameter.of(Tensor.zeros(2));
        double norm = GradClip.clipGradNorm(List.of(a, b, none), 6.5);
        assertEquals(13.0, norm, 1e-12); // √(9 + 16 + 144)
        double c = 6.5 / (13 + 1e-6);
        assertArrayEquals(new double[] {3 * c, 4 * c}, a.grad().toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {12 * c}, b.grad().toDoubleArray(), 1e-12);
    }

    @Test
    void clipByNormLeavesSmallGradientsAlone() {
        Parameter a = withGrad(0.3, 0.4);
        assertEquals(0.5, GradClip.clipGradNorm(List.of(a), 1.0), 1e-12);
        assertArrayEquals(new double[] {0.3, 0.4}, a.grad().toDoubleArray(), 0);
    }

    @Test
    void clipByValueClampsEachElement() {
        Parameter a = withGrad(-5, 0.2, 3);
        GradClip.clipGradValue(List.of(a), 1.0);
        assertArrayEquals(new double[] {-1, 0.2, 1}, a.grad().toDoubleArray(), 0);
    }
}
