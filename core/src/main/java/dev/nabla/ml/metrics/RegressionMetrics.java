package dev.nabla.ml.metrics;

import dev.nabla.Tensor;

/** Mean squared error and the coefficient of determination, reduced on the device. */
public final class RegressionMetrics {

    private RegressionMetrics() {
    }

    /** mean((yTrue - yPred)²). */
    public static double mse(Tensor yTrue, Tensor yPred) {
        LabelPairs.requireSameLength("mse", yTrue, yPred);
        Tensor r = yTrue.sub(yPred);
        return r.mul(r).mean().item();
    }

    /** 1 - SS_res / SS_tot; 1 is perfect, 0 is as good as predicting the mean (SS_tot = 0 gives 0 unless perfect). */
    public static double r2(Tensor yTrue, Tensor yPred) {
        LabelPairs.requireSameLength("r2", yTrue, yPred);
        Tensor r = yTrue.sub(yPred);
        double ssRes = r.mul(r).sum().item();
        Tensor c = yTrue.sub(yTrue.mean());
        double ssTot = c.mul(c).sum().item();
        if (ssTot == 0) {
            return ssRes == 0 ? 1 : 0;
        }
        return 1 - ssRes / ssTot;
    }
}
