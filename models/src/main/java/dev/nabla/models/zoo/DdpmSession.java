package dev.nabla.models.zoo;

import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.models.nets.Ddpm;
import dev.nabla.models.train.Samples;
import dev.nabla.optim.Adam;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Trains a {@link Ddpm} on 2-D points with the simplified noise-prediction loss, and measures the
 * Chamfer distance from its samples to fresh data, next to that of a second real draw (the floor).
 * The model sees the points multiplied by a scale: spreading a small, finely curved shape over a
 * few units lets a ReLU network resolve it in far fewer steps. Samples are scaled back.
 */
final class DdpmSession extends TensorSession {

    /** Points drawn to measure the Chamfer distance. */
    private static final int EVAL_POINTS = 500;
    /** Points a scatter plot shows by default: enough to see the shape. */
    static final int DEFAULT_POINTS = 1000;

    private final Ddpm ddpm;
    private final long seed;
    private final double scale;

    /**
     * @param ddpm the model
     * @param train training points {@code [N, 2]}
     * @param test held-out points {@code [M, 2]}
     * @param scale the factor applied to the points the model sees
     * @param options the run's options
     */
    DdpmSession(Ddpm ddpm, Tensor train, Tensor test, double scale, TrainOptions options) {
        super(ddpm, List.of(new Adam(ddpm.parameters(), Adam.options(options.lr()))), train, test, options.batchSize(),
                options.seed());
        this.ddpm = ddpm;
        this.seed = options.seed();
        this.scale = scale;
    }

    @Override
    public double trainStep(int epoch, int step) {
        return minimise(optimizer(0), ddpm.loss(batch(epoch, step).mul(scale), StepRandom.of(seed, epoch, step)));
    }

    @Override
    public Map<String, Double> evaluate() {
        Tensor test = head(test(), EVAL_POINTS);
        Tensor reference = train().narrow(0, 0, test.size(0));
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("sample_chamfer", NearestNeighbours.chamfer(draw(test.size(0)), test));
        metrics.put("real_chamfer", NearestNeighbours.chamfer(reference, test));
        return metrics;
    }

    private Tensor draw(int count) {
        return ddpm.sample(new Generator(seed + 2), train().device(), count, train().size(1)).div(scale);
    }

    @Override
    public Optional<Samples> sample(int count) {
        return Optional.of(Samples.points(draw(orDefault(count, DEFAULT_POINTS)).toFloatArray()));
    }
}
