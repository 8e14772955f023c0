package dev.nabla.ml.optim;

import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.ml.Inputs;
import java.util.function.Function;

/**
 * Stochastic variance-reduced gradient (Johnson and Zhang, 2013). Each epoch takes a snapshot
 * {@code w̃} and its full gradient {@code μ}, then steps along {@code ∇f_B(w) - ∇f_B(w̃) + μ} over
 * shuffled mini-batches {@code B}; the estimate's variance vanishes as {@code w} nears the optimum,
 * so a constant step converges.
 *
 * @param stepSize constant step
 * @param epochs maximum number of outer iterations
 * @param batchSize terms per inner step
 * @param tolerance stop when the snapshot's full gradient norm falls below this
 * @param seed seed of the batch order
 */
public record Svrg(double stepSize, int epochs, int batchSize, double tolerance, long seed) implements FiniteSumSolver {

    /** Validates the settings. */
    public Svrg {
        Inputs.requirePositive("Svrg", "stepSize", stepSize);
        Inputs.requirePositive("Svrg", "epochs", epochs);
        Inputs.requirePositive("Svrg", "batchSize", batchSize);
        Inputs.requirePositive("Svrg", "tolerance", tolerance);
    }

    @Override
    public SolverResult minimize(FiniteSumObjective objective, Tensor initial) {
        Generator gen = new Generator(seed);
        Tensor w = initial.detach();
        for (int epoch = 0; epoch < epochs; epoch++) {
            Tensor snapshot = w;
            Gradients.ValueAndGradient full = objective.valueAndGradient(snapshot);
            if (Gradients.norm(full.gradient()) < tolerance) {
                return new SolverResult(w, full.value(), epoch, true);
            }
            for (Tensor batch : Minibatches.epoch(objective.size(), batchSize, gen, w.device())) {
                Function<Tensor, Tensor> f = p -> objective.batchLoss(p, batch);
                Tensor estimate = Gradients.of(f, w).gradient().sub(Gradients.of(f, snapshot).gradient())
                        .add(full.gradient());
                try (var ignored = Autograd.noGradScope()) {
                    w = w.sub(estimate.mul(stepSize));
                }
            }
        }
        return new SolverResult(w, Gradients.loss(objective, w), epochs, Gradients.gradientNorm(objective, w) < tolerance);
    }
}
