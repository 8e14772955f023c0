/** Classification and regression metrics: confusion matrix, precision/recall/F1, ROC and PR curves, R², MSE. */
package dev.nabla.ml.metrics;
