package dev.nabla.models.zoo;

import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;
import dev.nabla.models.data.ToyDatasets;
import dev.nabla.models.nets.Ddpm;
import dev.nabla.models.train.Batches;
import dev.nabla.models.train.Samples;
import dev.nabla.models.train.Session;
import dev.nabla.nn.Module;
import dev.nabla.optim.Adam;
import dev.nabla.optim.Optimizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DDPM on the 2-D swiss roll. Besides the held-out loss it reports how close samples lie to the
 * data: the mean distance from each sample to its nearest data point, next to the same figure for
 * Gaussian noise of the data's spread (what an untrained model would give).
 */
final class DdpmSwissRoll implements ZooModel {

    private static final int POINTS = 2000;
    private static final int EVAL_SAMPLES = 500;
    private static final double NOISE = 0.03;

    @Override
    public String name() {
        return "ddpm-swissroll";
    }

    @Override
    public String description() {
        return "DDPM (T=100, linear betas, MLP noise predictor) on a 2-D swiss roll; sample-to-data distance vs noise";
    }

    @Override
    public Defaults defaults() {
        return new Defaults(40, 128, 2e-3, "Adam");
    }

    @Override
    public Session open(TrainOptions options) {
        Ddpm ddpm = new Ddpm(2, 128, 100, 1e-3, 0.1);
        ddpm.to(options.device());
        return new DiffusionSession(ddpm, options);
    }

    /** Training and evaluation of the 2-D diffusion model. */
    private static final class DiffusionSession implements Session {

        private final Ddpm ddpm;
        private final TrainOptions options;
        private final Optimizer optimizer;
        private final Tensor train;
        private final Tensor test;
        private final Batches batches;

        DiffusionSession(Ddpm ddpm, TrainOptions options) {
            this.ddpm = ddpm;
            this.options = options;
            this.optimizer = new Adam(ddpm.parameters(), Adam.options(options.lr()));
            this.train = points(options.seed(), options);
            this.test = points(options.seed() + 1, options);
            this.batches = new Batches(POINTS, options.batchSize(), options.seed(), options.device());
        }

        private static Tensor points(long seed, TrainOptions options) {
            ToyDatasets.CurvePoints roll = ToyDatasets.swissRoll(POINTS, NOISE, seed);
            return Tensor.of(roll.xy(), roll.count(), 2).to(options.device());
        }

        @Override
        public Module model() {
            return ddpm;
        }

        @Override
        public List<Optimizer> optimizers() {
            return List.of(optimizer);
        }

        @Override
        public int stepsPerEpoch() {
            return batches.perEpoch();
        }

        @Override
        public double trainStep(int epoch, int step) {
            Tensor loss = ddpm.loss(train.indexSelect(0, batches.tensor(epoch, step)),
                    Batches.stepGenerator(options.seed(), epoch, step));
            optimizer.zeroGrad();
            loss.backward();
            optimizer.step();
            return loss.item();
        }

        @Override
        public Map<String, Double> evaluate() {
            Map<String, Double> m = new LinkedHashMap<>();
            try (GradMode ignored = Autograd.noGradScope()) {
                m.put("test_loss", ddpm.loss(test, new Generator(options.seed())).item());
                float[] data = test.toFloatArray();
                float[] samples = ddpm.sample(EVAL_SAMPLES, new Generator(options.seed())).toFloatArray();
                double spread = test.std(new int[] {0}, 1, false).mean().item();
                float[] noise = Tensor.normal(new Generator(options.seed() + 7), 0, spread, test.dtype(), test.device(),
                        EVAL_SAMPLES, 2).toFloatArray();
                m.put("sample_to_data", meanNearestDistance(samples, data));
                m.put("noise_to_data", meanNearestDistance(noise, data));
            }
            return m;
        }

        /** The mean over {@code from} points of the distance to the nearest point of {@code to}. */
        private static double meanNearestDistance(float[] from, float[] to) {
            double sum = 0;
            for (int i = 0; i < from.length; i += 2) {
                double best = Double.MAX_VALUE;
                for (int j = 0; j < to.length; j += 2) {
                    double dx = from[i] - to[j];
                    double dy = from[i + 1] - to[j + 1];
                    best = Math.min(best, dx * dx + dy * dy);
                }
                sum += Math.sqrt(best);
            }
            return sum / (from.length / 2.0);
        }

        @Override
        public Optional<Samples> sample(int count) {
            Tensor xy = ddpm.sample(count > 0 ? count : 1000, new Generator(options.seed()));
            return Optional.of(Samples.points(xy.toFloatArray()));
        }
    }
}
