package dev.nabla.ml.tree;

/** A node impurity measure over class counts. */
public enum Criterion {
    /** Gini impurity {@code 1 - Σ p_c²}. */
    GINI,
    /** Entropy {@code -Σ p_c log₂ p_c}. */
    ENTROPY;

    /** The impurity of a node with these class counts ({@code total = Σ counts > 0}). */
    public double impurity(double[] counts, double total) {
        double v = this == GINI ? 1 : 0;
        for (double c : counts) {
            double p = c / total;
            if (p > 0) {
                v -= this == GINI ? p * p : p * Math.log(p) / Math.log(2);
            }
        }
        return v;
    }
}
