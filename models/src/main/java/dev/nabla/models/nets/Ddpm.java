package dev.nabla.models.nets;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;
import dev.nabla.nn.Functional;
import dev.nabla.nn.Module;
import java.util.Arrays;

/**
 * A denoising diffusion probabilistic model (Ho et al., 2020): a {@link NoiseSchedule} and a network
 * that predicts the noise in {@code x_t}. Trained with the simplified loss
 * {@code ||ε − ε_θ(sqrt(ᾱ_t) x_0 + sqrt(1 − ᾱ_t) ε, t)||²} at uniformly drawn steps; sampled by
 * ancestral sampling from pure noise.
 */
public class Ddpm extends Module {

    private final NoiseSchedule schedule;
    private final NoisePredictor denoiser;

    /**
     * @param schedule the forward process
     * @param denoiser the noise predictor for steps {@code 0..schedule.steps()-1}
     */
    public <D extends Module & NoisePredictor> Ddpm(NoiseSchedule schedule, D denoiser) {
        this.schedule = schedule;
        registerModule("denoiser", denoiser);
        this.denoiser = denoiser;
    }

    /** The forward process. */
    public NoiseSchedule schedule() {
        return schedule;
    }

    /** The simplified training loss on a batch of clean data {@code x0 [N, ...]}. */
    public Tensor loss(Tensor x0, Generator gen) {
        int n = x0.size(0);
        Tensor t = Tensor.randint(gen, 0, schedule.steps(), x0.device(), n);
        Tensor noise = Tensor.normal(gen, 0, 1, DType.FLOAT32, x0.device(), x0.shape().toArray());
        return Functional.mseLoss(denoiser.predict(schedule.addNoise(x0, t, noise), t), noise);
    }

    /**
     * Ancestral sampling: from {@code x_T ~ N(0, I)}, for t = T−1..0,
     * {@code x_{t−1} = (x_t − β_t / sqrt(1 − ᾱ_t) · ε_θ(x_t, t)) / sqrt(α_t) + sqrt(β̃_t) · z}.
     *
     * @param shape the shape of the batch to draw, {@code [count, ...]}
     */
    public Tensor sample(Generator gen, Device device, int... shape) {
        try (GradMode ignored = Autograd.noGradScope()) {
            Tensor x = Tensor.normal(gen, 0, 1, DType.FLOAT32, device, shape);
            int[] steps = new int[shape[0]];
            for (int t = schedule.steps() - 1; t >= 0; t--) {
                Arrays.fill(steps, t);
                Tensor eps = denoiser.predict(x, Tensor.ofIndices(steps, steps.length).to(device));
                double beta = schedule.beta(t);
                x = x.sub(eps.mul(beta / Math.sqrt(1 - schedule.alphaBar(t)))).div(Math.sqrt(1 - beta));
                if (t > 0) {
                    x = x.add(Tensor.normal(gen, 0, Math.sqrt(schedule.posteriorVariance(t)), DType.FLOAT32, device, shape));
                }
            }
            return x;
        }
    }

    /**
     * Not used: a diffusion model has no single forward pass; call {@link #loss} or {@link #sample}.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("Ddpm: call loss(x0, gen) to train or sample(...) to generate");
    }
}
