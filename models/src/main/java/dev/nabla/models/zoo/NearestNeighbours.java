package dev.nabla.models.zoo;

import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;

/**
 * Sample-quality figures that need no trained judge: how far generated samples lie from the
 * nearest real ones, next to the same figure for real held-out samples.
 */
final class NearestNeighbours {

    private NearestNeighbours() {
    }

    /**
     * The mean over rows {@code a_i} of {@code min_j mean_d (a_i − r_j)²}: the mean squared distance
     * per feature from each sample to its nearest reference.
     *
     * @param samples {@code [N, ...]}
     * @param reference {@code [M, ...]} with as many features per row
     */
    static double meanSquaredDistance(Tensor samples, Tensor reference) {
        try (GradMode ignored = Autograd.noGradScope()) {
            Tensor a = samples.reshape(samples.size(0), -1);
            Tensor r = reference.reshape(reference.size(0), -1);
            if (a.size(1) != r.size(1)) {
                throw new IllegalArgumentException("nearest neighbours: samples " + samples.shape() + " and reference "
                        + reference.shape() + " differ in features per row");
            }
            // ||a - r||² = ||a||² + ||r||² − 2 a·r, for all pairs at once
            Tensor squared = a.pow(2).sum(new int[] {1}, true).add(r.pow(2).sum(new int[] {1}, true).t())
                    .sub(a.matmul(r.t()).mul(2));
            return squared.min(new int[] {1}, false).clamp(0, Double.MAX_VALUE).mean().item() / a.size(1);
        }
    }

    /**
     * The symmetric Chamfer distance between two point sets: the mean distance from each point of
     * either set to the nearest point of the other, averaged over both directions.
     */
    static double chamfer(Tensor a, Tensor b) {
        try (GradMode ignored = Autograd.noGradScope()) {
            Tensor d = a.unsqueeze(1).sub(b.unsqueeze(0)).pow(2).sum(new int[] {2}, false).sqrt();
            return (d.min(new int[] {1}, false).mean().item() + d.min(new int[] {0}, false).mean().item()) / 2;
        }
    }
}
