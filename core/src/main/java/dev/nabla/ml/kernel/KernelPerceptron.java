package dev.nabla.ml.kernel;

import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.ml.ClassLabels;
import dev.nabla.ml.ConvergenceWarning;
import dev.nabla.ml.Inputs;
import dev.nabla.ml.SupervisedLearner;
import java.util.Objects;

/**
 * The perceptron in dual form, {@code f(x) = Σ_i α_i y_i k(x_i, x) + b}: each epoch increments
 * {@code α_i} of every misclassified row (batch updates, one Gram-vector product per epoch).
 *
 * @param kernel the kernel
 * @param maxEpochs epoch limit
 */
public record KernelPerceptron(Kernel kernel, int maxEpochs) implements SupervisedLearner<KernelClassifierModel> {

    /** Validates the settings. */
    public KernelPerceptron {
        Objects.requireNonNull(kernel, "KernelPerceptron: kernel");
        Inputs.requirePositive("KernelPerceptron", "maxEpochs", maxEpochs);
    }

    @Override
    public KernelClassifierModel fit(Tensor x, Tensor y) {
        String op = "KernelPerceptron.fit";
        Inputs.requireXy(op, x, y);
        ClassLabels classes = ClassLabels.of(op, y);
        Tensor signs = classes.signs(op, y, x);
        try (var ignored = Autograd.noGradScope()) {
            Tensor gram = kernel.gram(x, x);
            Tensor alpha = Tensor.zerosLike(signs);
            double bias = 0;
            for (int epoch = 1; epoch <= maxEpochs; epoch++) {
                Tensor f = gram.matmul(alpha.mul(signs)).add(bias);
                Tensor wrong = signs.mul(f).le(Tensor.scalar(0, x.dtype(), x.device()));
                if (wrong.sum().item() == 0) {
                    return new KernelClassifierModel(new KernelExpansion(kernel, x, alpha.mul(signs), bias), classes,
                            epoch, true);
                }
                alpha = alpha.add(wrong);
                bias += signs.mul(wrong).sum().item();
            }
            ConvergenceWarning.warn(op, "some rows are still misclassified after " + maxEpochs
                    + " epochs; the classes may not be separable under this kernel");
            return new KernelClassifierModel(new KernelExpansion(kernel, x, alpha.mul(signs), bias), classes, maxEpochs,
                    false);
        }
    }
}
