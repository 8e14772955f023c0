package dev.nabla.models.zoo;

import dev.nabla.Device;
import dev.nabla.Tensor;
import dev.nabla.models.data.DigitsDataset;
import java.util.SplittableRandom;

/**
 * A generated segmentation task: find a digit's ink in a noisy, cluttered picture. The input is the
 * digit at reduced contrast over a random brightness gradient, Gaussian pixel noise and random bright
 * strokes; the target mask is the clean digit thresholded at 0.5. A per-pixel threshold of the input
 * does poorly, so the network must use context.
 *
 * @param trainX noisy training images {@code [N, 1, 28, 28]}
 * @param trainMask their masks (0/1) {@code [N, 1, 28, 28]}
 * @param testX noisy test images
 * @param testMask their masks
 */
record NoisyDigitMasks(Tensor trainX, Tensor trainMask, Tensor testX, Tensor testMask) {

    private static final int SIDE = DigitsDataset.SIZE;
    private static final double INK = 0.6;
    private static final double NOISE = 0.25;
    private static final int STROKES = 3;

    /** Generates {@code trainPerClass} and {@code testPerClass} pictures of every digit. */
    static NoisyDigitMasks generate(int trainPerClass, int testPerClass, long seed, Device device) {
        DigitsDataset.Split split = DigitsDataset.trainTest(trainPerClass, testPerClass, seed);
        SplittableRandom random = new SplittableRandom(seed ^ 0x5EA1L);
        float[] train = split.train().images();
        float[] test = split.test().images();
        return new NoisyDigitMasks(tensor(corrupt(train, random), device), tensor(mask(train), device),
                tensor(corrupt(test, random), device), tensor(mask(test), device));
    }

    private static Tensor tensor(float[] pixels, Device device) {
        return Tensor.of(pixels, pixels.length / (SIDE * SIDE), 1, SIDE, SIDE).to(device);
    }

    /** The clean images thresholded at 0.5. */
    static float[] mask(float[] clean) {
        float[] m = new float[clean.length];
        for (int i = 0; i < clean.length; i++) {
            m[i] = clean[i] > 0.5f ? 1 : 0;
        }
        return m;
    }

    private static float[] corrupt(float[] clean, SplittableRandom random) {
        float[] out = new float[clean.length];
        int area = SIDE * SIDE;
        for (int img = 0; img < clean.length / area; img++) {
            int base = img * area;
            double gx = random.nextDouble(-0.2, 0.2);
            double gy = random.nextDouble(-0.2, 0.2);
            double level = random.nextDouble(0.1, 0.4);
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    double background = level + gx * (x - SIDE / 2.0) / SIDE + gy * (y - SIDE / 2.0) / SIDE;
                    out[base + y * SIDE + x] = (float) (background + INK * clean[base + y * SIDE + x]
                            + NOISE * random.nextGaussian());
                }
            }
            for (int s = 0; s < STROKES; s++) {
                stroke(out, base, random);
            }
            for (int i = base; i < base + area; i++) {
                out[i] = Math.max(0, Math.min(1, out[i]));
            }
        }
        return out;
    }

    /** Adds a short bright straight stroke: clutter that is not ink. */
    private static void stroke(float[] out, int base, SplittableRandom random) {
        double x = random.nextDouble(SIDE);
        double y = random.nextDouble(SIDE);
        double angle = random.nextDouble(Math.PI);
        int length = 4 + random.nextInt(6);
        for (int i = 0; i < length; i++) {
            int px = (int) (x + i * Math.cos(angle));
            int py = (int) (y + i * Math.sin(angle));
            if (px >= 0 && px < SIDE && py >= 0 && py < SIDE) {
                out[base + py * SIDE + px] += (float) INK;
            }
        }
    }
}
