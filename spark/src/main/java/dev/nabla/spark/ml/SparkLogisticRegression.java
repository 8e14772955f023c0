package dev.nabla.spark.ml;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Tensor;
import dev.nabla.ml.ClassLabels;
import dev.nabla.ml.linear.Design;
import dev.nabla.ml.linear.LogisticModel;
import dev.nabla.ml.linear.MarginLoss;
import dev.nabla.ml.linear.MarginObjective;
import dev.nabla.ml.linear.SoftmaxObjective;
import dev.nabla.ml.optim.FiniteSumObjective;
import dev.nabla.ml.optim.Gradients;
import dev.nabla.ml.optim.Lbfgs;
import dev.nabla.ml.optim.SolverResult;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;

/**
 * Logistic regression on a Spark data set, minimising what {@link dev.nabla.ml.linear.LogisticRegression}
 * minimises (the mean cross-entropy plus {@code (λ/2)|W|²}, intercepts unpenalised; binary with the
 * sigmoid, multinomial with the softmax) by L-BFGS on the driver. Each objective evaluation is one
 * Spark job: the weights are broadcast and every block returns its loss sum and gradient sum, from the
 * same closed forms the single-machine learner uses. Returns the same {@link LogisticModel}.
 *
 * @param l2 the penalty strength {@code λ >= 0}
 * @param fitIntercept whether to fit intercepts
 * @param solver the L-BFGS settings
 */
public record SparkLogisticRegression(double l2, boolean fitIntercept, Lbfgs solver) {

    /** Validates the settings. */
    public SparkLogisticRegression {
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("SparkLogisticRegression: l2 must be finite and >= 0, got " + l2);
        }
        Objects.requireNonNull(solver, "SparkLogisticRegression: solver");
    }

    /** Penalty {@code l2}, with intercept, L-BFGS defaults (as {@code LogisticRegression.of}). */
    public static SparkLogisticRegression of(double l2) {
        return new SparkLogisticRegression(l2, true, Lbfgs.defaults());
    }

    /** Fits the model on {@code points}, whose labels are whole numbers (at least two distinct). */
    public LogisticModel fit(JavaRDD<LabeledPoint> points) {
        String op = "SparkLogisticRegression.fit";
        try (Blocks data = Blocks.labelled(points, op)) {
            double[] labels = data.distinctTargets();
            ClassLabels classes = ClassLabels.of(op, Tensor.of(labels, labels.length).to(Device.CPU));
            Design layout = Design.of(Tensor.zeros(DType.FLOAT64, Device.CPU, 1, data.cols()), fitIntercept);
            int k = classes.size();
            int width = k == 2 ? layout.width() : layout.width() * k;
            FiniteSumObjective objective = new Objective(data, labels, fitIntercept, layout, k, l2);
            SolverResult r = solver.minimize(objective, Tensor.zeros(DType.FLOAT64, Device.CPU, width));
            if (k == 2) {
                Tensor b = Tensor.scalar(layout.intercepts(r.solution()).item(), DType.FLOAT64, Device.CPU);
                return new LogisticModel(layout.coefficients(r.solution()), b, classes, r.iterations(), r.converged());
            }
            Tensor w = r.solution().reshape(layout.width(), k);
            return new LogisticModel(layout.coefficients(w), layout.intercepts(w), classes, r.iterations(), r.converged());
        }
    }

    /**
     * The objective with its data term evaluated on the cluster: each evaluation is one Spark job returning the
     * data term's sum and gradient sum (each block uses the closed forms of {@link MarginObjective} or
     * {@link SoftmaxObjective}); the L2 penalty is added on the driver. {@link #loss} linearises the data term
     * at the point ({@code F(w₀) + g·(w - w₀) + R(w)}, exact in value and gradient there) for callers that
     * differentiate it; the solvers call {@link #valueAndGradient}.
     */
    private record Objective(Blocks data, double[] labels, boolean fitIntercept, Design layout, int classes, double l2)
            implements FiniteSumObjective {

        @Override
        public int size() {
            return (int) Math.min(Integer.MAX_VALUE, data.rows());
        }

        @Override
        public Tensor loss(Tensor w) {
            double[] sums = dataTerm(w.detach().toDoubleArray());
            Tensor g = gradientMean(sums);
            return w.sub(w.detach()).mul(g).sum().add(sums[0] / data.rows()).add(penalty(w));
        }

        @Override
        public Gradients.ValueAndGradient valueAndGradient(Tensor w) {
            double[] sums = dataTerm(w.toDoubleArray());
            Tensor penaltyGradient = layout.l2Gradient(weights(w), l2).reshape(-1);
            return new Gradients.ValueAndGradient(sums[0] / data.rows() + penalty(w).item(),
                    gradientMean(sums).add(penaltyGradient));
        }

        @Override
        public Tensor batchLoss(Tensor w, Tensor indices) {
            throw new UnsupportedOperationException("SparkLogisticRegression: the rows live on the cluster; "
                    + "use a full-batch solver (L-BFGS)");
        }

        /** {@code [p]} (binary) or {@code [p, K]} (multinomial) parameters from the flat vector. */
        private Tensor weights(Tensor w) {
            return classes == 2 ? w : w.reshape(layout.width(), classes);
        }

        /** {@code (λ/2)|W_coef|²}, intercepts unpenalised. */
        private Tensor penalty(Tensor w) {
            Tensor weights = weights(w);
            return weights.mul(layout.l2Gradient(weights, l2)).sum().mul(0.5);
        }

        /** The data term's mean gradient from the sums {@code [loss, gradient...]}. */
        private Tensor gradientMean(double[] sums) {
            double[] grad = java.util.Arrays.copyOfRange(sums, 1, sums.length);
            return Tensor.of(grad, grad.length).to(Device.CPU).div(data.rows());
        }

        /** The loss sum and gradient sum over all rows at {@code w}, one Spark job. */
        private double[] dataTerm(double[] w) {
            Broadcast<double[]> weights = data.broadcast(w);
            boolean intercept = fitIntercept;
            int k = classes;
            double[] labelValues = labels;
            double[] out = data.sum(1 + w.length, b -> {
                String op = "SparkLogisticRegression.fit";
                Design design = Design.of(b.features(), intercept);
                ClassLabels known = ClassLabels.of(op, Tensor.of(labelValues, labelValues.length).to(Device.CPU));
                Tensor y = b.targets();
                FiniteSumObjective block = k == 2
                        ? new MarginObjective(design, known.signs(op, y, b.features()), MarginLoss.LOGISTIC, v -> v.mul(0))
                        : new SoftmaxObjective(design, known.encode(op, y).oneHot(k).to(b.features().dtype()), 0);
                Gradients.ValueAndGradient vg = block.valueAndGradient(
                        Tensor.of(weights.value(), weights.value().length).to(Device.CPU));
                double[] all = new double[1 + weights.value().length];
                all[0] = vg.value() * b.rows();
                double[] gradient = vg.gradient().toDoubleArray();
                for (int i = 0; i < gradient.length; i++) {
                    all[1 + i] = gradient[i] * b.rows();
                }
                return all;
            });
            weights.destroy();
            return out;
        }
    }
}
