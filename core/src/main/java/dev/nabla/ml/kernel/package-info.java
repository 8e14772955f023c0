/**
 * Kernels and kernel methods: Gram matrices computed on the device, kernel algebra (sums,
 * products, positive scalings), the kernel perceptron and kernel logistic regression.
 */
package dev.nabla.ml.kernel;
