package dev.nabla.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nabla.Tensor;
import dev.nabla.ml.linear.LinearClassifierModel;
import dev.nabla.ml.linear.LinearSvm;
import dev.nabla.ml.linear.LogisticModel;
import dev.nabla.ml.linear.LogisticRegression;
import dev.nabla.ml.linear.MarginLoss;
import dev.nabla.ml.linear.Penalty;
import dev.nabla.ml.optim.FiniteSumSolver;
import dev.nabla.ml.optim.Lbfgs;
import dev.nabla.ml.optim.Newton;
import org.junit.jupiter.api.Test;

/**
 * Each solver at its default tolerance on scikit-learn's raw (unscaled) digits, an ill-conditioned problem,
 * against the optimum scikit-learn reaches far past its own defaults (tests/fixtures/sklearn_ml.py): the
 * coefficients, intercepts included, must be within 1e-4 relative (Frobenius norm). scikit-learn's own defaults
 * stop further away (the fixture records how far), which is why the defaults here are tighter.
 */
class SklearnDigitsTest {

    private static final JsonNode FIXTURE = Fixtures.json("sklearn_digits.json");
    private static final Tensor[] DIGITS = Fixtures.digits();

    /** {@code |a - b| / |b|}. */
    private static double relativeDifference(double[] a, double[] b) {
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < a.length; i++) {
            diff += (a[i] - b[i]) * (a[i] - b[i]);
            norm += b[i] * b[i];
        }
        return Math.sqrt(diff / norm);
    }

    /** scikit-learn's coefficients {@code [K, 64]} and intercepts {@code [K]} as rows of 65. */
    private static double[] reference(JsonNode fit) {
        double[] coef = Fixtures.matrix(fit.get("coef"));
        double[] intercept = Fixtures.vector(fit.get("intercept"));
        double[] out = new double[intercept.length * 65];
        for (int k = 0; k < intercept.length; k++) {
            System.arraycopy(coef, k * 64, out, k * 65, 64);
            out[k * 65 + 64] = intercept[k];
        }
        return out;
    }

    private static void assertLogisticOptimum(FiniteSumSolver solver) {
        JsonNode fit = FIXTURE.get("logistic");
        int rows = fit.get("rows").asInt();
        // scikit-learn's C multiplies the summed loss: the mean-loss penalty is 1/(C·n)
        LogisticModel model = LogisticRegression.of(1 / (fit.get("C").asDouble() * rows)).withSolver(solver)
                .fit(DIGITS[0].narrow(0, 0, rows), DIGITS[1].narrow(0, 0, rows));
        assertTrue(model.converged(), solver + " converged");
        double[] w = model.coefficients().toDoubleArray();
        double[] b = model.intercepts().toDoubleArray();
        double[] got = new double[10 * 65];
        for (int k = 0; k < 10; k++) {
            for (int j = 0; j < 64; j++) {
                got[k * 65 + j] = w[j * 10 + k];
            }
            got[k * 65 + 64] = b[k];
        }
        double diff = relativeDifference(got, reference(fit));
        assertTrue(diff <= 1e-4, solver + ": relative difference " + diff + " after " + model.iterations()
                + " iterations; scikit-learn's default stops at " + fit.get("sklearn_defaults"));
    }

    @Test
    void lbfgsReachesTheMultinomialOptimum() {
        assertLogisticOptimum(Lbfgs.defaults());
    }

    @Test
    void newtonCgReachesTheMultinomialOptimum() {
        assertLogisticOptimum(Newton.defaults());
    }

    private static void assertSvmOptimum(String name, MarginLoss loss, Penalty penalty) {
        JsonNode fit = FIXTURE.get("linear_svc").get(name);
        double lambda = 1 / (FIXTURE.get("linear_svc").get("C").asDouble() * DIGITS[0].size(0));
        LinearSvm svm = LinearSvm.of(lambda, penalty).withLoss(loss);
        OneVsRest.Model<LinearClassifierModel> model = new OneVsRest<>(svm).fit(DIGITS[0], DIGITS[1]);
        double[] got = new double[10 * 65];
        for (int k = 0; k < 10; k++) {
            LinearClassifierModel m = model.models().get(k);
            assertTrue(m.converged(), name + " class " + k + " converged");
            System.arraycopy(m.coefficients().toDoubleArray(), 0, got, k * 65, 64);
            got[k * 65 + 64] = m.intercept();
        }
        double diff = relativeDifference(got, reference(fit));
        assertTrue(diff <= 1e-4, name + ": relative difference " + diff + "; scikit-learn's default stops at "
                + fit.get("sklearn_default"));
        // one-vs-rest predicts the class whose model scores highest
        assertTrue(model.score(DIGITS[0], DIGITS[1]) > 0.9);
    }

    @Test
    void dualCoordinateDescentReachesTheSquaredHingeOptimum() {
        assertSvmOptimum("l2_squared_hinge", MarginLoss.SQUARED_HINGE, Penalty.L2);
    }

    @Test
    void dualCoordinateDescentReachesTheHingeOptimum() {
        assertSvmOptimum("l2_hinge", MarginLoss.HINGE, Penalty.L2);
    }

    @Test
    void primalCoordinateDescentReachesTheL1Optimum() {
        assertSvmOptimum("l1_squared_hinge", MarginLoss.SQUARED_HINGE, Penalty.L1);
    }

    @Test
    void oneVsRestLabelsAreTheHighestScoringClass() {
        Tensor x = DIGITS[0].narrow(0, 0, 300);
        Tensor y = DIGITS[1].narrow(0, 0, 300);
        OneVsRest.Model<LinearClassifierModel> model = new OneVsRest<>(LinearSvm.of(0.1, Penalty.L2)).fit(x, y);
        assertEquals(10, model.models().size());
        double[] scores = model.decisionFunction(x).toDoubleArray();
        long[] predicted = model.predict(x).toLongArray();
        for (int i = 0; i < 300; i++) {
            int best = 0;
            for (int k = 1; k < 10; k++) {
                best = scores[i * 10 + k] > scores[i * 10 + best] ? k : best;
            }
            assertEquals(model.classes().label(best), predicted[i], "row " + i);
        }
    }
}
