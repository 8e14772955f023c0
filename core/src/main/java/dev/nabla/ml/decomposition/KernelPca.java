package dev.nabla.ml.decomposition;

import dev.nabla.Tensor;
import dev.nabla.ml.Inputs;
import dev.nabla.ml.UnsupervisedLearner;
import dev.nabla.ml.kernel.Kernel;
import dev.nabla.ml.linalg.HostLinalg;
import dev.nabla.ml.linalg.HostMatrices;
import java.util.Objects;

/**
 * Kernel PCA: eigen-decomposition of the centred Gram matrix
 * {@code K̃ = K - 1K - K1 + 1K1} ({@code 1} the averaging matrix). With unit eigenvectors
 * {@code v_i} and eigenvalues {@code λ_i} of {@code K̃}, the dual coefficients are
 * {@code α_i = v_i / √λ_i}, so the feature-space axes have unit norm.
 *
 * @param kernel the kernel
 * @param components number of components; their eigenvalues must be positive
 */
public record KernelPca(Kernel kernel, int components) implements UnsupervisedLearner<KernelPcaModel> {

    /** Validates the settings. */
    public KernelPca {
        Objects.requireNonNull(kernel, "KernelPca: kernel");
        Inputs.requirePositive("KernelPca", "components", components);
    }

    @Override
    public KernelPcaModel fit(Tensor x) {
        Inputs.requireMatrix("KernelPca.fit", x);
        int n = x.size(0);
        Inputs.requireAtMostSamples("KernelPca.fit", "components", components, n);
        Tensor gram = kernel.gram(x, x);
        Tensor columnMeans = gram.mean(new int[] {0}, false);
        double grandMean = gram.mean().item();
        Tensor centred = gram.sub(columnMeans.unsqueeze(0)).sub(columnMeans.unsqueeze(1)).add(grandMean);
        HostLinalg.Eigen eig = HostLinalg.symmetricEigen("KernelPca.fit", HostMatrices.toHost(centred));
        double[] alphas = new double[n * components];
        double[] lambdas = new double[components];
        for (int c = 0; c < components; c++) {
            lambdas[c] = eig.values()[c];
            if (!(lambdas[c] > 1e-12 * Math.max(1, eig.values()[0]))) {
                throw new IllegalArgumentException("KernelPca.fit: component " + c + " has eigenvalue " + lambdas[c]
                        + "; the centred Gram matrix has fewer than " + components + " positive eigenvalues");
            }
            for (int i = 0; i < n; i++) {
                alphas[i * components + c] = eig.vectors().get(i, c) / Math.sqrt(lambdas[c]);
            }
        }
        return new KernelPcaModel(kernel, x, Tensor.of(alphas, n, components).to(x.device()).to(x.dtype()),
                Tensor.of(lambdas, components).to(x.device()).to(x.dtype()), columnMeans, grandMean);
    }
}
