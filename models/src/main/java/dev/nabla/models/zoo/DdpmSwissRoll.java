package dev.nabla.models.zoo;

import dev.nabla.Tensor;
import dev.nabla.models.data.ToyDatasets;
import dev.nabla.models.nets.Ddpm;
import dev.nabla.models.nets.NoiseSchedule;
import dev.nabla.models.nets.TimeConditionedMlp;
import dev.nabla.models.train.Session;

/** A denoising diffusion model of the 2-D swiss roll. */
final class DdpmSwissRoll implements ZooModel {

    private static final int POINTS = 20000;
    private static final int TEST_POINTS = 1000;
    private static final double NOISE = 0.02;
    private static final int STEPS = 100;
    private static final double SCALE = 3;

    @Override
    public String name() {
        return "ddpm-swissroll";
    }

    @Override
    public String description() {
        return "DDPM (T=" + STEPS + ", linear betas) with a step-conditioned MLP 2-128-128-128-2 on the 2-D swiss roll"
                + " (scaled by " + SCALE + ");"
                + " reports the Chamfer distance of samples to held-out points and draws a scatter plot";
    }

    @Override
    public Defaults defaults() {
        return new Defaults(40, 128, 2e-3, "Adam");
    }

    @Override
    public Session open(TrainOptions options) {
        Ddpm ddpm = new Ddpm(NoiseSchedule.linear(STEPS), new TimeConditionedMlp(2, 128, 3, STEPS));
        ddpm.to(options.device());
        return new DdpmSession(ddpm, points(POINTS, options.seed(), options), points(TEST_POINTS, options.seed() + 1, options),
                SCALE, options);
    }

    private static Tensor points(int n, long seed, TrainOptions options) {
        return Tensor.of(ToyDatasets.swissRoll(n, NOISE, seed).xy(), n, 2).to(options.device());
    }
}
