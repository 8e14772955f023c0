package dev.nabla.ml.decomposition;

import dev.nabla.Tensor;
import dev.nabla.ml.Inputs;
import dev.nabla.ml.Transformer;
import dev.nabla.ml.kernel.Kernel;

/**
 * A fitted kernel PCA.
 *
 * @param kernel the kernel
 * @param points the training rows {@code [n, d]}
 * @param alphas dual coefficients {@code [n, k]}, column i is {@code v_i / √λ_i}
 * @param eigenvalues eigenvalues {@code λ_i} of the centred Gram matrix {@code [k]}
 * @param trainColumnMeans column means of the training Gram matrix {@code [n]}
 * @param trainGrandMean mean of all entries of the training Gram matrix
 */
public record KernelPcaModel(Kernel kernel, Tensor points, Tensor alphas, Tensor eigenvalues, Tensor trainColumnMeans,
        double trainGrandMean) implements Transformer {

    /** Projections {@code [m, k]} of new rows, their Gram row centred with the training statistics. */
    @Override
    public Tensor transform(Tensor x) {
        Inputs.requireFeatures("KernelPcaModel.transform", x, points.size(1));
        Tensor k = kernel.gram(x, points.to(x.dtype()));
        Tensor centred = k.sub(k.mean(new int[] {1}, true)).sub(trainColumnMeans.to(x.dtype()).unsqueeze(0))
                .add(trainGrandMean);
        return centred.matmul(alphas.to(x.dtype()));
    }
}
