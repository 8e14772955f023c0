package dev.nabla.ml.tree;

import dev.nabla.Tensor;
import dev.nabla.ml.ClassLabels;
import dev.nabla.ml.Inputs;
import dev.nabla.ml.SupervisedLearner;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * A classification tree grown greedily. A node becomes a leaf when it is pure, at
 * {@code maxDepth}, or when no split leaves {@code minSamplesLeaf} rows on both sides. An impure
 * node is split even when no split lowers the impurity at once (XOR needs such a first split).
 *
 * @param criterion the impurity measure
 * @param maxDepth maximum depth (the root is depth 0)
 * @param minSamplesLeaf minimum rows in each leaf
 */
public record DecisionTree(Criterion criterion, int maxDepth, int minSamplesLeaf)
        implements SupervisedLearner<DecisionTreeModel> {

    /** Validates the settings. */
    public DecisionTree {
        Objects.requireNonNull(criterion, "DecisionTree: criterion");
        Inputs.requireNonNegative("DecisionTree", "maxDepth", maxDepth);
        Inputs.requirePositive("DecisionTree", "minSamplesLeaf", minSamplesLeaf);
    }

    /** Gini, unlimited depth, leaves of at least one row. */
    public static DecisionTree defaults() {
        return new DecisionTree(Criterion.GINI, Integer.MAX_VALUE, 1);
    }

    @Override
    public DecisionTreeModel fit(Tensor x, Tensor y) {
        String op = "DecisionTree.fit";
        Inputs.requireXy(op, x, y);
        ClassLabels classes = ClassLabels.of(op, y);
        TreeBuilder builder = new TreeBuilder(x.toDoubleArray(), x.size(1), classes.encode(op, y).toIntArray(),
                classes.size(), this);
        return new DecisionTreeModel(builder.grow(IntStream.range(0, x.size(0)).toArray()), classes, x.size(1));
    }
}
