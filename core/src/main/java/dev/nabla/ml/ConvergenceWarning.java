package dev.nabla.ml;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one warning a learner logs when a fit stops before its stopping rule was met, the
 * counterpart of scikit-learn's {@code ConvergenceWarning}. The fitted model still reports
 * {@code converged = false} and its iteration count; the warning makes sure nobody misses it.
 */
public final class ConvergenceWarning {

    private static final Logger LOG = LoggerFactory.getLogger(ConvergenceWarning.class);

    private ConvergenceWarning() {
    }

    /**
     * Logs one warning naming the learner, how far it got and what to try.
     *
     * @param op the learner, e.g. {@code LogisticRegression.fit}
     * @param what what happened, e.g. {@code stopped after 100 iterations with gradient 3e-3 > tolerance 1e-4}
     */
    public static void warn(String op, String what) {
        LOG.warn("{}: did not converge: {}", op, what);
    }
}
