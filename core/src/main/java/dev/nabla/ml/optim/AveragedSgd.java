package dev.nabla.ml.optim;

import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.ml.Inputs;

/**
 * Mini-batch (sub)gradient descent with Polyak-Ruppert averaging: steps {@code η / √t} and the
 * returned point is the running mean of the iterates of the second half of the epochs (tail
 * averaging: the early, far-off iterates would bias a full average), which converges
 * for non-smooth convex objectives (hinge loss, L1 penalty) where the last iterate keeps jittering.
 *
 * @param stepSize initial step {@code η}
 * @param epochs number of passes over the terms
 * @param batchSize terms per step
 * @param tolerance the result counts as converged when its full gradient norm is below this
 * @param seed seed of the batch order
 */
public record AveragedSgd(double stepSize, int epochs, int batchSize, double tolerance, long seed)
        implements FiniteSumSolver {

    /** Validates the settings. */
    public AveragedSgd {
        Inputs.requirePositive("AveragedSgd", "stepSize", stepSize);
        Inputs.requirePositive("AveragedSgd", "epochs", epochs);
        Inputs.requirePositive("AveragedSgd", "batchSize", batchSize);
        Inputs.requirePositive("AveragedSgd", "tolerance", tolerance);
    }

    @Override
    public SolverResult minimize(FiniteSumObjective objective, Tensor initial) {
        Generator gen = new Generator(seed);
        Tensor w = initial.detach();
        Tensor average = w;
        long t = 0;
        long averaged = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (Tensor batch : Minibatches.epoch(objective.size(), batchSize, gen, w.device())) {
                Tensor g = Gradients.of(p -> objective.batchLoss(p, batch), w).gradient();
                try (var ignored = Autograd.noGradScope()) {
                    w = w.sub(g.mul(stepSize / Math.sqrt(++t)));
                    if (epoch < epochs / 2) {
                        average = w;
                    } else {
                        averaged++;
                        average = average.add(w.sub(average).div(averaged));
                    }
                }
            }
        }
        return new SolverResult(average, Gradients.loss(objective, average), epochs,
                Gradients.gradientNorm(objective, average) < tolerance);
    }
}
