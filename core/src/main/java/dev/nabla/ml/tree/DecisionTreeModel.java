package dev.nabla.ml.tree;

import dev.nabla.Tensor;
import dev.nabla.ml.ClassLabels;
import dev.nabla.ml.Inputs;
import dev.nabla.ml.ProbabilisticClassifier;

/**
 * A fitted decision tree.
 *
 * @param root the root node
 * @param classes the labels
 * @param numFeatures the feature count it was fitted on
 */
public record DecisionTreeModel(TreeNode root, ClassLabels classes, int numFeatures) implements ProbabilisticClassifier {

    /** The leaf class frequencies reached by each row, {@code [n, numClasses]}. */
    @Override
    public Tensor predictProba(Tensor x) {
        Inputs.requireFeatures("DecisionTreeModel.predictProba", x, numFeatures);
        double[] xs = x.toDoubleArray();
        int n = x.size(0);
        int k = classes.size();
        double[] out = new double[n * k];
        for (int i = 0; i < n; i++) {
            TreeNode node = root;
            while (node instanceof TreeNode.Split s) {
                node = xs[i * numFeatures + s.feature()] <= s.threshold() ? s.left() : s.right();
            }
            System.arraycopy(node.probabilities(), 0, out, i * k, k);
        }
        return Tensor.of(out, n, k).to(x.device()).to(x.dtype());
    }

    @Override
    public Tensor predict(Tensor x) {
        return classes.decode(predictProba(x).argmax(1, false));
    }

    /** The length of the longest root-to-leaf path. */
    public int depth() {
        return depth(root);
    }

    /** The number of leaves. */
    public int leafCount() {
        return leaves(root);
    }

    private static int depth(TreeNode node) {
        return node instanceof TreeNode.Split s ? 1 + Math.max(depth(s.left()), depth(s.right())) : 0;
    }

    private static int leaves(TreeNode node) {
        return node instanceof TreeNode.Split s ? leaves(s.left()) + leaves(s.right()) : 1;
    }
}
