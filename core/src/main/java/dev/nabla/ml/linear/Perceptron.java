package dev.nabla.ml.linear;

import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.ml.ClassLabels;
import dev.nabla.ml.ConvergenceWarning;
import dev.nabla.ml.Inputs;
import dev.nabla.ml.SupervisedLearner;

/**
 * Rosenblatt's perceptron in its batch form: each epoch adds {@code η Σ y_i x_i} over the
 * misclassified rows (gradient descent on the perceptron criterion), so an epoch is two matrix
 * products on the device. Stops (converged) once every row is on its correct side.
 *
 * @param maxEpochs epoch limit
 * @param learningRate {@code η}
 * @param fitIntercept whether to learn a bias
 */
public record Perceptron(int maxEpochs, double learningRate, boolean fitIntercept)
        implements SupervisedLearner<LinearClassifierModel> {

    /** Validates the settings. */
    public Perceptron {
        Inputs.requirePositive("Perceptron", "maxEpochs", maxEpochs);
        Inputs.requirePositive("Perceptron", "learningRate", learningRate);
    }

    /** 1000 epochs, rate 1, with bias. */
    public static Perceptron defaults() {
        return new Perceptron(1000, 1, true);
    }

    @Override
    public LinearClassifierModel fit(Tensor x, Tensor y) {
        String op = "Perceptron.fit";
        Inputs.requireXy(op, x, y);
        ClassLabels classes = ClassLabels.of(op, y);
        Design design = Design.of(x, fitIntercept);
        Tensor signs = classes.signs(op, y, x);
        Tensor w = Tensor.zeros(x.dtype(), x.device(), design.width());
        try (var ignored = Autograd.noGradScope()) {
            for (int epoch = 1; epoch <= maxEpochs; epoch++) {
                Tensor wrong = signs.mul(design.scores(w)).le(Tensor.scalar(0, x.dtype(), x.device()));
                if (wrong.sum().item() == 0) {
                    return model(design, w, classes, epoch, true);
                }
                w = w.add(design.adjoint(signs.mul(wrong)).mul(learningRate));
            }
        }
        ConvergenceWarning.warn(op, "some rows are still misclassified after " + maxEpochs
                + " epochs; the classes may not be linearly separable");
        return model(design, w, classes, maxEpochs, false);
    }

    private static LinearClassifierModel model(Design design, Tensor w, ClassLabels classes, int epochs, boolean ok) {
        return new LinearClassifierModel(design.coefficients(w).contiguous(), design.intercepts(w).item(), classes, epochs,
                ok);
    }
}
