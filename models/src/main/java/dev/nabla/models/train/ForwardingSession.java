package dev.nabla.models.train;

import dev.nabla.nn.Module;
import dev.nabla.optim.Optimizer;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A session that hands every call to another one; a decorator overrides only what it changes (a data-parallel
 * rank averages the step's loss, a test crashes at a chosen step).
 */
public abstract class ForwardingSession implements Session {

    /** The session every call goes to unless overridden. */
    protected final Session inner;

    /** @param inner the session to forward to */
    protected ForwardingSession(Session inner) {
        this.inner = inner;
    }

    @Override
    public Module model() {
        return inner.model();
    }

    @Override
    public List<Optimizer> optimizers() {
        return inner.optimizers();
    }

    @Override
    public int stepsPerEpoch() {
        return inner.stepsPerEpoch();
    }

    @Override
    public double trainStep(int epoch, int step) {
        return inner.trainStep(epoch, step);
    }

    @Override
    public Map<String, Double> evaluate() {
        return inner.evaluate();
    }

    @Override
    public Optional<Samples> sample(int count) {
        return inner.sample(count);
    }
}
