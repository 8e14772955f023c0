package dev.nabla.ml.tree;

import java.util.Arrays;
import java.util.Comparator;

/** Greedy top-down growth: at each node, the split of lowest weighted child impurity. */
final class TreeBuilder {

    private final double[] x;
    private final int d;
    private final int[] y;
    private final int numClasses;
    private final DecisionTree options;

    TreeBuilder(double[] x, int d, int[] y, int numClasses, DecisionTree options) {
        this.x = x;
        this.d = d;
        this.y = y;
        this.numClasses = numClasses;
        this.options = options;
    }

    private record Candidate(int feature, double threshold, double impurity) {
    }

    TreeNode grow(Integer[] rows, int depth) {
        double[] counts = counts(rows);
        double[] probabilities = Arrays.stream(counts).map(c -> c / rows.length).toArray();
        boolean pure = Arrays.stream(counts).filter(c -> c > 0).count() == 1;
        if (pure || depth >= options.maxDepth() || rows.length < 2 * options.minSamplesLeaf()) {
            return new TreeNode.Leaf(probabilities);
        }
        Candidate best = null;
        for (int f = 0; f < d; f++) {
            Candidate c = bestSplit(rows, f);
            if (c != null && (best == null || c.impurity() < best.impurity())) {
                best = c;
            }
        }
        if (best == null) {
            return new TreeNode.Leaf(probabilities);
        }
        int f = best.feature();
        double t = best.threshold();
        Integer[] left = Arrays.stream(rows).filter(r -> value(r, f) <= t).toArray(Integer[]::new);
        Integer[] right = Arrays.stream(rows).filter(r -> value(r, f) > t).toArray(Integer[]::new);
        return new TreeNode.Split(f, t, grow(left, depth + 1), grow(right, depth + 1), probabilities);
    }

    /** Sweeps the sorted values of feature {@code f}, moving rows from the right child to the left. */
    private Candidate bestSplit(Integer[] rows, int f) {
        Integer[] sorted = rows.clone();
        Arrays.sort(sorted, Comparator.comparingDouble(r -> value(r, f)));
        double[] left = new double[numClasses];
        double[] right = counts(sorted);
        int n = sorted.length;
        int minLeaf = options.minSamplesLeaf();
        Candidate best = null;
        for (int i = 0; i < n - 1; i++) {
            left[y[sorted[i]]]++;
            right[y[sorted[i]]]--;
            double here = value(sorted[i], f);
            double next = value(sorted[i + 1], f);
            int nLeft = i + 1;
            if (here == next || nLeft < minLeaf || n - nLeft < minLeaf) {
                continue;
            }
            double impurity = (nLeft * options.criterion().impurity(left, nLeft)
                    + (n - nLeft) * options.criterion().impurity(right, n - nLeft)) / n;
            if (best == null || impurity < best.impurity()) {
                best = new Candidate(f, (here + next) / 2, impurity);
            }
        }
        return best;
    }

    private double value(int row, int feature) {
        return x[row * d + feature];
    }

    private double[] counts(Integer[] rows) {
        double[] c = new double[numClasses];
        for (int r : rows) {
            c[y[r]]++;
        }
        return c;
    }
}
