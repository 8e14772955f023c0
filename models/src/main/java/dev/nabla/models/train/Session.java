package dev.nabla.models.train;

import dev.nabla.nn.Module;
import dev.nabla.optim.Optimizer;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One zoo model ready to train: its network(s), data and recipe. The {@link TrainingLoop} drives it
 * step by step, so that progress, metrics, checkpoints and stopping work the same for every model.
 */
public interface Session {

    /** Everything that a checkpoint must hold (for several networks, a container module). */
    Module model();

    /** The optimizers whose state a checkpoint must hold, in a fixed order. */
    List<Optimizer> optimizers();

    /** Training steps in one epoch. */
    int stepsPerEpoch();

    /**
     * Runs one optimisation step. The batch is a function of {@code (epoch, step)} and the seed alone,
     * so a run resumed from a checkpoint sees the same batches as an uninterrupted one. Epochs count
     * from 1, steps within an epoch from 0.
     *
     * @return the training loss of the step
     */
    double trainStep(int epoch, int step);

    /** Metrics on held-out data (or the training data where the task has none), by name. */
    Map<String, Double> evaluate();

    /**
     * Draws samples from a generative model: {@code count} images or points, or for a text model
     * about {@code count} characters; 0 asks for the model's default amount.
     *
     * @return the samples, or empty for a model that does not generate
     */
    default Optional<Samples> sample(int count) {
        return Optional.empty();
    }
}
