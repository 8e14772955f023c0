package dev.nabla.models.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.Device;
import dev.nabla.models.nets.UNet;
import dev.nabla.models.train.Samples;
import dev.nabla.optim.Adam;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UNetSegmentationTest {

    @Test
    void masksAreTheThresholdedCleanImages() {
        assertArrayEquals(new float[] {0, 0, 1, 1}, NoisyDigitMasks.mask(new float[] {0f, 0.5f, 0.51f, 1f}));
    }

    @Test
    void noisyInputsAreInRangeAndDifferFromTheMasks() {
        NoisyDigitMasks data = NoisyDigitMasks.generate(2, 1, 5, Device.CPU);
        assertArrayEquals(new int[] {20, 1, 28, 28}, data.trainX().shape().toArray());
        assertEquals(data.trainX().shape(), data.trainMask().shape());
        assertTrue(data.trainX().min().item() >= 0 && data.trainX().max().item() <= 1);
        double ink = data.trainMask().mean().item();
        assertTrue(ink > 0.05 && ink < 0.5, "fraction of ink pixels " + ink);
    }

    @Test
    void trainsAndReportsIouAndPixelAccuracy() {
        NoisyDigitMasks data = NoisyDigitMasks.generate(2, 1, 5, Device.CPU);
        UNet net = new UNet(1, 1, 4, 2);
        SegmentationSession session = new SegmentationSession(net, new Adam(net.parameters(), Adam.options(1e-2)), data,
                10, 1);
        ZooTesting.assertDecreases(ZooTesting.train(session, 8), 2);

        Map<String, Double> m = session.evaluate();
        assertTrue(m.get("test_iou") >= 0 && m.get("test_iou") <= 1, m.toString());
        assertTrue(m.get("test_pixel_accuracy") >= 0 && m.get("test_pixel_accuracy") <= 1, m.toString());
        // the baseline thresholds the input: recomputed here from the definition of IoU
        float[] x = data.testX().toFloatArray();
        float[] mask = data.testMask().toFloatArray();
        double inter = 0;
        double union = 0;
        for (int i = 0; i < x.length; i++) {
            boolean p = x[i] > 0.5;
            boolean t = mask[i] > 0.5;
            inter += p && t ? 1 : 0;
            union += p || t ? 1 : 0;
        }
        assertEquals(inter / union, m.get("threshold_baseline_iou"), 1e-9);

        Samples samples = session.sample(25).orElseThrow();
        assertEquals(25, samples.count(), "the 10 test pictures, repeated");
        assertEquals(56, samples.side(), "input and mask above prediction and error");
        float[] px = samples.images();
        float[] testX = data.testX().toFloatArray();
        float[] truth = data.testMask().toFloatArray();
        int picture = 11 * 56 * 56; // the 12th composite shows test picture 1 again
        for (int row = 0; row < 28; row++) {
            for (int col = 0; col < 28; col++) {
                assertEquals(testX[28 * 28 + row * 28 + col], px[picture + row * 56 + col]);
                assertEquals(truth[28 * 28 + row * 28 + col], px[picture + row * 56 + 28 + col]);
            }
        }
    }
}
