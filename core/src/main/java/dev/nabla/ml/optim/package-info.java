/**
 * Solvers for finite-sum objectives {@code F(w) = (1/n) Σ f_i(w) + R(w)} written in Tensor ops:
 * deterministic ({@link dev.nabla.ml.optim.GradientDescent}, {@link dev.nabla.ml.optim.Lbfgs},
 * {@link dev.nabla.ml.optim.Newton}) and stochastic ({@link dev.nabla.ml.optim.Svrg},
 * {@link dev.nabla.ml.optim.AveragedSgd}), all behind {@link dev.nabla.ml.optim.FiniteSumSolver}.
 * Gradients and Hessian-vector products come from autograd.
 */
package dev.nabla.ml.optim;
