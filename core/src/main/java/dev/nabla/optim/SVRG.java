package dev.nabla.optim;

import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;
import dev.nabla.nn.Parameter;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Stochastic variance-reduced gradient (Johnson &amp; Zhang, 2013) for a finite sum
 * {@code F(w) = (1/n) Σ fᵢ(w)}. Every epoch it stores a snapshot {@code w̃} and the full gradient
 * {@code μ = ∇F(w̃)}; each step on samples {@code I} then moves along
 * {@code ∇f_I(w) − ∇f_I(w̃) + μ}, whose variance vanishes as {@code w} and {@code w̃} converge, so a
 * constant step size converges where plain SGD stalls at its noise floor.
 *
 * <p>The optimizer computes all gradients itself through a {@link LossOracle}, evaluating it
 * with the snapshot weights swapped into the parameters when it needs gradients at {@code w̃}.
 */
public final class SVRG extends Optimizer {

    /** The loss of the model over chosen samples, at the parameters' current values. */
    @FunctionalInterface
    public interface LossOracle {
        /** The mean loss over {@code sampleIndices} (a scalar that SVRG back-propagates). */
        Tensor loss(int[] sampleIndices);
    }

    private final int sampleCount;
    private final int epochLength;
    private final LossOracle oracle;
    private final Generator generator;

    /**
     * SVRG over {@code params}.
     *
     * @param lr the constant step size
     * @param sampleCount n, the number of terms in the sum
     * @param epochLength steps between snapshots (n is the usual choice)
     * @param oracle computes the loss over a set of samples
     * @param generator draws the sample of {@link #step()}
     */
    public SVRG(List<Parameter> params, double lr, int sampleCount, int epochLength, LossOracle oracle, Generator generator) {
        super(List.of(ParamGroup.of(params)), Map.of(ParamGroup.LR, lr));
        if (!(lr > 0) || sampleCount <= 0 || epochLength <= 0) {
            throw new IllegalArgumentException("SVRG: need lr > 0, sampleCount > 0 and epochLength > 0, got lr=" + lr
                    + " sampleCount=" + sampleCount + " epochLength=" + epochLength);
        }
        this.sampleCount = sampleCount;
        this.epochLength = epochLength;
        this.oracle = oracle;
        this.generator = generator;
    }

    /** One step on a single sample drawn uniformly at random. */
    @Override
    public void step() {
        step(new int[] {generator.nextInt(sampleCount)});
    }

    /** One step on the mini-batch {@code sampleIndices}; takes a new snapshot at the start of each epoch. */
    public void step(int[] sampleIndices) {
        List<Parameter> params = params();
        if (state(params.get(0)).step() % epochLength == 0) {
            takeSnapshot();
        }
        Map<Parameter, Tensor> current = gradients(sampleIndices);
        Map<Parameter, Tensor> atSnapshot = atSnapshot(() -> gradients(sampleIndices));
        try (GradMode ignored = Autograd.noGradScope()) {
            for (Parameter p : params) {
                Tensor direction = current.get(p).sub(atSnapshot.get(p)).add(state(p).get("full_grad"));
                p.get().setGrad(direction);
            }
        }
        super.step();
        zeroGrad();
    }

    /** Stores the current weights as the snapshot and computes the full gradient there. */
    public void takeSnapshot() {
        Map<Parameter, Tensor> full = gradients(IntStream.range(0, sampleCount).toArray());
        for (Parameter p : params()) {
            state(p).put("snapshot", p.get().detach().copy());
            state(p).put("full_grad", full.get(p));
        }
    }

    private Map<Parameter, Tensor> atSnapshot(java.util.function.Supplier<Map<Parameter, Tensor>> body) {
        Map<Parameter, Tensor> live = new IdentityHashMap<>();
        for (Parameter p : params()) {
            live.put(p, p.get());
            p.set(state(p).get("snapshot"));
        }
        try {
            return body.get();
        } finally {
            live.forEach(Parameter::set);
        }
    }

    private Map<Parameter, Tensor> gradients(int[] sampleIndices) {
        zeroGrad();
        oracle.loss(sampleIndices).backward();
        Map<Parameter, Tensor> out = new IdentityHashMap<>();
        for (Parameter p : params()) {
            Tensor g = p.grad();
            out.put(p, g != null ? g : Tensor.zerosLike(p.get()));
        }
        zeroGrad();
        return out;
    }

    @Override
    protected void update(Tensor param, Tensor grad, ParamState state, ParamGroup group) {
        param.subInPlace(grad.mul(group.lr()));
    }
}
