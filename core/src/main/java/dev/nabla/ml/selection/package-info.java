/** Model selection: train/test split, k-fold cross-validation, grid and random search over hyper-parameters. */
package dev.nabla.ml.selection;
