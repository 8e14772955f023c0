/**
 * Classical machine learning on the {@link dev.nabla.Tensor} API, in the spirit of scikit-learn.
 *
 * <p>A learner (an options record such as {@code LinearRegression} or {@code KMeans}) holds only
 * hyper-parameters; its {@code fit} returns an immutable fitted model ({@link Predictor},
 * {@link Transformer}) holding the learned attributes. A model therefore cannot be used before it is
 * fitted. Heavy products run on the tensors' backend; small dense decompositions run on the host.
 */
package dev.nabla.ml;
