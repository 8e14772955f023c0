package dev.nabla.models.nets;

import dev.nabla.DType;
import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;
import dev.nabla.nn.Functional;
import dev.nabla.nn.Module;

/**
 * A denoising diffusion probabilistic model (Ho et al., 2020) over vectors. The forward process
 * noises data as {@code x_t = √ᾱ_t·x_0 + √(1−ᾱ_t)·ε} with a linear β schedule; the network
 * {@code ε_θ(x_t, t)} predicts ε and is trained with the simplified loss {@code ‖ε − ε_θ‖²};
 * ancestral sampling runs the reverse chain from pure noise with σ_t² = β_t.
 */
public class Ddpm extends Module {

    private static final int TIME_FEATURES = 16;

    private final Mlp network;
    private final int dim;
    private final double[] beta;
    private final double[] alphaBar;

    /**
     * @param dim the data dimension
     * @param hidden hidden width of the noise-prediction MLP
     * @param steps T, the number of diffusion steps
     * @param betaStart β_1
     * @param betaEnd β_T
     */
    public Ddpm(int dim, int hidden, int steps, double betaStart, double betaEnd) {
        if (steps < 2 || !(betaStart > 0 && betaStart <= betaEnd && betaEnd < 1)) {
            throw new IllegalArgumentException("Ddpm: need T >= 2 and 0 < betaStart <= betaEnd < 1, got T=" + steps
                    + " betas " + betaStart + ".." + betaEnd);
        }
        this.dim = dim;
        network = registerModule("network", new Mlp(dim + TIME_FEATURES, hidden, hidden, hidden, dim));
        beta = new double[steps];
        alphaBar = new double[steps];
        double product = 1;
        for (int t = 0; t < steps; t++) {
            beta[t] = betaStart + (betaEnd - betaStart) * t / (steps - 1);
            product *= 1 - beta[t];
            alphaBar[t] = product;
        }
    }

    /** The predicted noise {@code ε_θ(x_t, t)} for {@code x [B, dim]} and step indices {@code t [B]} (INT64). */
    public Tensor predictNoise(Tensor x, Tensor t) {
        return network.forward(Tensor.cat(1, x, timeFeatures(t, x.dtype())));
    }

    /** Sinusoidal features of t/T at geometrically spaced frequencies, so nearby steps look alike. */
    private Tensor timeFeatures(Tensor t, DType dtype) {
        int half = TIME_FEATURES / 2;
        double[] freq = new double[half];
        for (int i = 0; i < half; i++) {
            freq[i] = Math.pow(100.0, (double) i / (half - 1));
        }
        Tensor phase = t.to(dtype).div(beta.length).unsqueeze(1).mul(Tensor.of(freq, 1, half).to(dtype).to(t.device()));
        return Tensor.cat(1, phase.sin(), phase.cos());
    }

    /** The predicted noise at the first step, t = 0 (training and sampling use {@link #loss} and {@link #sample}). */
    @Override
    public Tensor forward(Tensor x) {
        return predictNoise(x, Tensor.zeros(DType.INT64, x.device(), x.size(0)));
    }

    /** The simplified loss on clean data {@code x0 [B, dim]}, with t and ε drawn from {@code gen}. */
    public Tensor loss(Tensor x0, Generator gen) {
        int batch = x0.size(0);
        Tensor t = Tensor.randint(gen, 0, beta.length, x0.device(), batch);
        Tensor noise = Tensor.normal(gen, 0, 1, x0.dtype(), x0.device(), batch, dim);
        Tensor ab = Tensor.of(alphaBar, beta.length).to(x0.dtype()).to(x0.device()).indexSelect(0, t).unsqueeze(1);
        Tensor xt = x0.mul(ab.sqrt()).add(noise.mul(ab.rsub(1).sqrt()));
        return Functional.mseLoss(predictNoise(xt, t), noise);
    }

    /** Runs the reverse chain from {@code x_T ~ N(0, I)} and returns {@code count} samples {@code [count, dim]}. */
    public Tensor sample(int count, Generator gen) {
        Tensor w = network.parameters().get(0).get();
        try (GradMode ignored = Autograd.noGradScope()) {
            Tensor x = Tensor.normal(gen, 0, 1, w.dtype(), w.device(), count, dim);
            for (int t = beta.length - 1; t >= 0; t--) {
                Tensor steps = Tensor.full(t, DType.INT64, w.device(), count);
                Tensor eps = predictNoise(x, steps);
                x = x.sub(eps.mul(beta[t] / Math.sqrt(1 - alphaBar[t]))).div(Math.sqrt(1 - beta[t]));
                if (t > 0) {
                    x = x.add(Tensor.normal(gen, 0, Math.sqrt(beta[t]), w.dtype(), w.device(), count, dim));
                }
            }
            return x;
        }
    }

    /** ᾱ_t for step index t (0-based). */
    public double alphaBar(int t) {
        return alphaBar[t];
    }
}
