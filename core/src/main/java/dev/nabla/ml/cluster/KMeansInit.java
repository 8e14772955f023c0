package dev.nabla.ml.cluster;

/** How k-means chooses its starting centroids. */
public enum KMeansInit {
    /** k distinct rows drawn uniformly (Forgy). */
    RANDOM,
    /** k-means++: each next centre drawn with probability proportional to its squared distance to the chosen ones. */
    KMEANS_PLUS_PLUS
}
