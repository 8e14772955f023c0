/** Dimensionality reduction: PCA (covariance eigen-decomposition or SVD) and kernel PCA. */
package dev.nabla.ml.decomposition;
