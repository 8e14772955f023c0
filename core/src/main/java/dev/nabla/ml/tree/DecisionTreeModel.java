package dev.nabla.ml.tree;

import dev.nabla.Tensor;
import dev.nabla.ml.ClassLabels;
import dev.nabla.ml.Inputs;
import dev.nabla.ml.ProbabilisticClassifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

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

    /** The length of the longest root-to-leaf path (walked with an explicit stack: trees can be very deep). */
    public int depth() {
        int deepest = 0;
        Deque<Map.Entry<TreeNode, Integer>> stack = new ArrayDeque<>();
        stack.push(Map.entry(root, 0));
        while (!stack.isEmpty()) {
            Map.Entry<TreeNode, Integer> e = stack.pop();
            deepest = Math.max(deepest, e.getValue());
            if (e.getKey() instanceof TreeNode.Split s) {
                stack.push(Map.entry(s.left(), e.getValue() + 1));
                stack.push(Map.entry(s.right(), e.getValue() + 1));
            }
        }
        return deepest;
    }

    /** The number of leaves. */
    public int leafCount() {
        int leaves = 0;
        Deque<TreeNode> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            if (stack.pop() instanceof TreeNode.Split s) {
                stack.push(s.left());
                stack.push(s.right());
            } else {
                leaves++;
            }
        }
        return leaves;
    }
}
