package dev.nabla.models.data;

import java.util.SplittableRandom;

/**
 * Two-dimensional toy data sets for classifiers and generative models (the scikit-learn classics):
 * moons, circles, spirals, blobs and a swiss roll. Points are {@code float[] xy} of length
 * {@code 2n} ({@code x0, y0, x1, y1, ...}); every generator is deterministic in its seed and adds
 * isotropic Gaussian noise of the given standard deviation.
 */
public final class ToyDatasets {

    /**
     * Labelled points.
     *
     * @param xy {@code n × 2} coordinates, row-major
     * @param labels the class of each point, 0..classes-1
     * @param classes the number of classes
     */
    public record Points(float[] xy, int[] labels, int classes) {

        /** @return the number of points */
        public int count() {
            return labels.length;
        }
    }

    /**
     * Unlabelled points along a curve, with each point's position on the curve.
     *
     * @param xy {@code n × 2} coordinates, row-major
     * @param position the curve parameter of each point (useful for colouring plots)
     */
    public record CurvePoints(float[] xy, float[] position) {

        /** @return the number of points */
        public int count() {
            return position.length;
        }
    }

    private ToyDatasets() {
    }

    /**
     * Two interleaving half circles: class 0 the upper arc centred at (0, 0), class 1 the lower arc
     * centred at (1, 0.5); both radius 1. Point {@code i} has class {@code i % 2}.
     *
     * @param n the number of points
     * @param noise standard deviation of the Gaussian noise
     * @param seed the random seed
     * @return the points
     */
    public static Points moons(int n, double noise, long seed) {
        check("moons", n, noise);
        SplittableRandom random = new SplittableRandom(seed);
        float[] xy = new float[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double t = Math.PI * random.nextDouble();
            labels[i] = i % 2;
            double x = labels[i] == 0 ? Math.cos(t) : 1 - Math.cos(t);
            double y = labels[i] == 0 ? Math.sin(t) : 0.5 - Math.sin(t);
            put(xy, i, x, y, noise, random);
        }
        return new Points(xy, labels, 2);
    }

    /**
     * Two concentric circles: class 0 of radius 1, class 1 of radius {@code factor}. Point {@code i}
     * has class {@code i % 2}.
     *
     * @param n the number of points
     * @param noise standard deviation of the Gaussian noise
     * @param factor radius of the inner circle, in (0, 1)
     * @param seed the random seed
     * @return the points
     * @throws IllegalArgumentException when {@code factor} is not in (0, 1)
     */
    public static Points circles(int n, double noise, double factor, long seed) {
        check("circles", n, noise);
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("circles: factor must be in (0, 1), got " + factor);
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[] xy = new float[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double t = 2 * Math.PI * random.nextDouble();
            labels[i] = i % 2;
            double r = labels[i] == 0 ? 1 : factor;
            put(xy, i, r * Math.cos(t), r * Math.sin(t), noise, random);
        }
        return new Points(xy, labels, 2);
    }

    /**
     * Interleaved spiral arms around the origin: arm {@code k} (the class) is
     * {@code r (cos(θ + 2πk/arms), sin(θ + 2πk/arms))} with {@code r} in [0, 1] and
     * {@code θ = 4 r} radians (a bit over half a turn). Point {@code i} is on arm {@code i % arms}.
     *
     * @param n the number of points
     * @param arms the number of arms (classes), at least 2
     * @param noise standard deviation of the Gaussian noise
     * @param seed the random seed
     * @return the points
     * @throws IllegalArgumentException when {@code arms < 2}
     */
    public static Points spirals(int n, int arms, double noise, long seed) {
        check("spirals", n, noise);
        if (arms < 2) {
            throw new IllegalArgumentException("spirals: need at least 2 arms, got " + arms);
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[] xy = new float[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % arms;
            double r = random.nextDouble();
            double angle = 4 * r + 2 * Math.PI * labels[i] / arms;
            put(xy, i, r * Math.cos(angle), r * Math.sin(angle), noise, random);
        }
        return new Points(xy, labels, arms);
    }

    /**
     * Gaussian blobs: {@code centres} centres drawn uniformly from [-10, 10]², each point drawn
     * from a normal distribution of standard deviation {@code std} around its class centre.
     * Point {@code i} belongs to blob {@code i % centres}.
     *
     * @param n the number of points
     * @param centres the number of blobs (classes), at least 1
     * @param std standard deviation of each blob
     * @param seed the random seed
     * @return the points
     * @throws IllegalArgumentException when {@code centres < 1}
     */
    public static Points blobs(int n, int centres, double std, long seed) {
        check("blobs", n, std);
        if (centres < 1) {
            throw new IllegalArgumentException("blobs: need at least 1 centre, got " + centres);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] centreXy = new double[2 * centres];
        for (int k = 0; k < centreXy.length; k++) {
            centreXy[k] = random.nextDouble(-10, 10);
        }
        float[] xy = new float[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % centres;
            put(xy, i, centreXy[2 * labels[i]], centreXy[2 * labels[i] + 1], std, random);
        }
        return new Points(xy, labels, centres);
    }

    /**
     * The two-dimensional swiss roll: {@code t (cos t, sin t) / 10} with {@code t} uniform in
     * [1.5π, 4.5π], a spiral of one and a half turns that fits in about [-1.5, 1.5]².
     *
     * @param n the number of points
     * @param noise standard deviation of the Gaussian noise (after the division by 10)
     * @param seed the random seed
     * @return the points and their curve parameters {@code t}
     */
    public static CurvePoints swissRoll(int n, double noise, long seed) {
        check("swissRoll", n, noise);
        SplittableRandom random = new SplittableRandom(seed);
        float[] xy = new float[2 * n];
        float[] position = new float[n];
        for (int i = 0; i < n; i++) {
            double t = 1.5 * Math.PI * (1 + 2 * random.nextDouble());
            position[i] = (float) t;
            put(xy, i, t * Math.cos(t) / 10, t * Math.sin(t) / 10, noise, random);
        }
        return new CurvePoints(xy, position);
    }

    private static void put(float[] xy, int i, double x, double y, double noise, SplittableRandom random) {
        xy[2 * i] = (float) (x + noise * random.nextGaussian());
        xy[2 * i + 1] = (float) (y + noise * random.nextGaussian());
    }

    private static void check(String op, int n, double noise) {
        if (n < 0 || !(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException(op + ": need n >= 0 and finite noise >= 0, got n=" + n + ", noise=" + noise);
        }
    }
}
