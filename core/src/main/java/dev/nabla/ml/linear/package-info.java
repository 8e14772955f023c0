/**
 * Linear models: least squares, ridge and lasso regression; logistic regression (binary and
 * multinomial), the perceptron and the linear SVM. Products with the data run on the device; the
 * {@code d × d} solves run on the host.
 */
package dev.nabla.ml.linear;
