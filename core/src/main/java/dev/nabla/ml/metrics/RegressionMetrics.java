package dev.nabla.ml.metrics;

import dev.nabla.Tensor;
import dev.nabla.ml.Inputs;

/** Mean squared error and the coefficient of determination, reduced on the device. */
public final class RegressionMetrics {

    private RegressionMetrics() {
    }

    /** mean((yTrue - yPred)²); NaN or infinite values are an error, as in scikit-learn. */
    public static double mse(Tensor yTrue, Tensor yPred) {
        requireFinitePair("mse", yTrue, yPred);
        Tensor r = yTrue.sub(yPred);
        return r.mul(r).mean().item();
    }

    /**
     * 1 - SS_res / SS_tot; 1 is perfect, 0 is as good as predicting the mean (SS_tot = 0 gives 0 unless perfect).
     * NaN or infinite values are an error, as in scikit-learn.
     */
    public static double r2(Tensor yTrue, Tensor yPred) {
        requireFinitePair("r2", yTrue, yPred);
        Tensor r = yTrue.sub(yPred);
        double ssRes = r.mul(r).sum().item();
        Tensor c = yTrue.sub(yTrue.mean());
        double ssTot = c.mul(c).sum().item();
        if (ssTot == 0) {
            return ssRes == 0 ? 1 : 0;
        }
        return 1 - ssRes / ssTot;
    }

    private static void requireFinitePair(String op, Tensor yTrue, Tensor yPred) {
        LabelPairs.requireSameLength(op, yTrue, yPred);
        Inputs.requireFinite(op, "yTrue", yTrue);
        Inputs.requireFinite(op, "yPred", yPred);
    }
}
