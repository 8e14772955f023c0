package dev.nabla.models.nets;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Tensor;
import java.util.Arrays;

/**
 * The forward (noising) process of a diffusion model: variances {@code β_1..β_T}, {@code α_t = 1 − β_t}
 * and {@code ᾱ_t = Π_{s≤t} α_s}, so that {@code x_t = sqrt(ᾱ_t)·x_0 + sqrt(1 − ᾱ_t)·ε}. Steps are
 * numbered 0..T−1 here.
 */
public final class NoiseSchedule {

    private final double[] beta;
    private final double[] alphaBar;

    /**
     * Linearly spaced variances from {@code betaFirst} to {@code betaLast}.
     *
     * @throws IllegalArgumentException unless {@code steps >= 2} and {@code 0 < betaFirst <= betaLast < 1}
     */
    public NoiseSchedule(int steps, double betaFirst, double betaLast) {
        if (steps < 2 || !(betaFirst > 0) || !(betaLast >= betaFirst) || !(betaLast < 1)) {
            throw new IllegalArgumentException("NoiseSchedule: need steps >= 2 and 0 < betaFirst <= betaLast < 1, got steps="
                    + steps + " betaFirst=" + betaFirst + " betaLast=" + betaLast);
        }
        beta = new double[steps];
        alphaBar = new double[steps];
        double product = 1;
        for (int t = 0; t < steps; t++) {
            beta[t] = betaFirst + (betaLast - betaFirst) * t / (steps - 1);
            product *= 1 - beta[t];
            alphaBar[t] = product;
        }
    }

    /**
     * Ho et al.'s linear schedule (β from 1e-4 to 0.02 over 1000 steps) with both ends scaled by
     * {@code 1000 / steps}, so that a shorter chain still ends close to pure noise.
     */
    public static NoiseSchedule linear(int steps) {
        double scale = 1000.0 / steps;
        return new NoiseSchedule(steps, 1e-4 * scale, Math.min(0.999, 0.02 * scale));
    }

    /** T, the number of steps. */
    public int steps() {
        return beta.length;
    }

    /** β_t. */
    public double beta(int t) {
        return beta[t];
    }

    /** ᾱ_t. */
    public double alphaBar(int t) {
        return alphaBar[t];
    }

    /** The variance of the reverse step's noise: the posterior's {@code β̃_t = β_t (1 − ᾱ_{t−1}) / (1 − ᾱ_t)}, 0 at t = 0. */
    public double posteriorVariance(int t) {
        return t == 0 ? 0 : beta[t] * (1 - alphaBar[t - 1]) / (1 - alphaBar[t]);
    }

    /**
     * Noises {@code x0} to the steps {@code t}: {@code sqrt(ᾱ_t)·x0 + sqrt(1 − ᾱ_t)·noise}.
     *
     * @param x0 clean data {@code [N, ...]}
     * @param t INT64 steps {@code [N]}
     * @param noise standard normal noise in {@code x0}'s shape
     */
    public Tensor addNoise(Tensor x0, Tensor t, Tensor noise) {
        Tensor ab = alphaBarTensor(x0.device()).indexSelect(0, t);
        int[] shape = new int[x0.rank()];
        Arrays.fill(shape, 1);
        shape[0] = x0.size(0);
        ab = ab.reshape(shape);
        return x0.mul(ab.sqrt()).add(noise.mul(ab.rsub(1).sqrt()));
    }

    private Tensor alphaBarTensor(Device device) {
        return Tensor.of(alphaBar, alphaBar.length).to(DType.FLOAT32).to(device);
    }
}
