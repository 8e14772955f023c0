/** Clustering: k-means (Lloyd, k-means++ seeding, restarts) and Gaussian mixtures fitted by soft or hard EM. */
package dev.nabla.ml.cluster;
