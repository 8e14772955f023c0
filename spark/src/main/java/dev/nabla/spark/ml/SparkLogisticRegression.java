package dev.nabla.spark.ml;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Tensor;
import dev.nabla.ml.ClassLabels;
import dev.nabla.ml.linear.Design;
import dev.nabla.ml.linear.LogisticModel;
import dev.nabla.ml.linear.MarginLoss;
import dev.nabla.ml.linear.MarginObjective;
import dev.nabla.ml.linear.Penalty;
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
 * Spark job: the weights are broadcast and every block returns its loss sum and gradient sum, computed
 * by autograd on the executor. Returns the same {@link LogisticModel}.
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
     * The objective with its data term evaluated on the cluster: at the point {@code w₀} it returns
     * {@code F(w₀) + g·(w - w₀) + R(w)}, whose value and gradient at {@code w₀} are exactly those of
     * the objective, which is all a first-order solver asks.
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
            double[] grad = java.util.Arrays.copyOfRange(sums, 1, sums.length);
            Tensor g = Tensor.of(grad, grad.length).to(Device.CPU).div(data.rows());
            Tensor weights = classes == 2 ? w : w.reshape(layout.width(), classes);
            return w.sub(w.detach()).mul(g).sum().add(sums[0] / data.rows())
                    .add(Penalty.L2.apply(weights, layout.penaltyMask(), l2));
        }

        @Override
        public Tensor batchLoss(Tensor w, Tensor indices) {
            throw new UnsupportedOperationException("SparkLogisticRegression: the rows live on the cluster; "
                    + "use a full-batch solver (L-BFGS)");
        }

        /** The loss sum and gradient sum over all rows at {@code w}, one Spark job. */
        private double[] dataTerm(double[] w) {
            Broadcast<double[]> weights = data.broadcast(w);
            boolean intercept = fitIntercept;
            int k = classes;
            double[] labelValues = labels;
            double[] out = data.sum(1 + w.length, b -> {
                String op = "SparkLogisticRegression.fit";
                Tensor f = Design.of(b.features(), intercept).features();
                ClassLabels known = ClassLabels.of(op, Tensor.of(labelValues, labelValues.length).to(Device.CPU));
                Tensor y = b.targets();
                Tensor point = Tensor.of(weights.value(), weights.value().length).to(Device.CPU);
                Gradients.ValueAndGradient vg = k == 2
                        ? Gradients.of(v -> new MarginObjective(f, known.signs(op, y, f), MarginLoss.LOGISTIC, p -> p.mul(0).sum())
                                .loss(v).mul(b.rows()), point)
                        : Gradients.of(v -> crossEntropySum(f, known.encode(op, y).oneHot(k).to(DType.FLOAT64),
                                v.reshape(f.size(1), k)), point);
                double[] all = new double[1 + weights.value().length];
                all[0] = vg.value();
                System.arraycopy(vg.gradient().toDoubleArray(), 0, all, 1, all.length - 1);
                return all;
            });
            weights.destroy();
            return out;
        }

        private static Tensor crossEntropySum(Tensor f, Tensor oneHot, Tensor w) {
            Tensor logits = f.matmul(w);
            return logits.logsumexp(new int[] {1}, false).sub(logits.mul(oneHot).sum(new int[] {1}, false)).sum();
        }
    }
}
