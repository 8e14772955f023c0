package dev.nabla.ml.tree;

/** A node of a fitted decision tree. */
public sealed interface TreeNode permits TreeNode.Leaf, TreeNode.Split {

    /** The class distribution of the rows below this node, indexed like the model's classes. */
    double[] probabilities();

    /**
     * A terminal node.
     *
     * @param probabilities training class frequencies at the leaf
     */
    record Leaf(double[] probabilities) implements TreeNode {
    }

    /**
     * An axis-aligned split: rows with {@code x[feature] <= threshold} go left.
     *
     * @param feature the feature index
     * @param threshold the split point (midway between two training values)
     * @param left the subtree for {@code x[feature] <= threshold}
     * @param right the subtree for the rest
     * @param probabilities class frequencies of the rows reaching this node
     */
    record Split(int feature, double threshold, TreeNode left, TreeNode right, double[] probabilities)
            implements TreeNode {
    }
}
