package dev.nabla.ml.tree;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * Greedy top-down growth, at each node the split of lowest weighted child impurity, on plain host
 * arrays. Growth is iterative (a work stack of pending nodes), so an unbounded tree as deep as the
 * data allows never exhausts the call stack; the immutable {@link TreeNode} records are assembled
 * afterwards from the leaves up.
 */
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

    /** A node still to be grown: its id, its rows and its depth. */
    private record Pending(int id, int[] rows, int depth) {
    }

    /** A grown node in flat form: a leaf when {@code split} is null, else the split and its children's ids. */
    private record Flat(double[] probabilities, Candidate split, int left, int right) {
    }

    /** Grows the tree over {@code rows} and returns its root. */
    TreeNode grow(int[] rows) {
        List<Flat> nodes = new ArrayList<>();
        nodes.add(null);
        Deque<Pending> work = new ArrayDeque<>();
        work.push(new Pending(0, rows, 0));
        while (!work.isEmpty()) {
            Pending p = work.pop();
            double[] counts = counts(p.rows());
            double[] probabilities = Arrays.stream(counts).map(c -> c / p.rows().length).toArray();
            Candidate best = split(p.rows(), counts, p.depth());
            if (best == null) {
                nodes.set(p.id(), new Flat(probabilities, null, -1, -1));
                continue;
            }
            int[] left = Arrays.stream(p.rows()).filter(r -> value(r, best.feature()) <= best.threshold()).toArray();
            int[] right = Arrays.stream(p.rows()).filter(r -> value(r, best.feature()) > best.threshold()).toArray();
            int leftId = nodes.size();
            nodes.add(null);
            nodes.add(null);
            nodes.set(p.id(), new Flat(probabilities, best, leftId, leftId + 1));
            work.push(new Pending(leftId + 1, right, p.depth() + 1));
            work.push(new Pending(leftId, left, p.depth() + 1));
        }
        // children always have larger ids than their parent, so building from the last id down finds them ready
        TreeNode[] built = new TreeNode[nodes.size()];
        for (int id = nodes.size() - 1; id >= 0; id--) {
            Flat f = nodes.get(id);
            built[id] = f.split() == null ? new TreeNode.Leaf(f.probabilities())
                    : new TreeNode.Split(f.split().feature(), f.split().threshold(), built[f.left()], built[f.right()],
                            f.probabilities());
        }
        return built[0];
    }

    /** The best split of a node, or null when it becomes a leaf (pure, at the depth limit, too small, or unsplittable). */
    private Candidate split(int[] rows, double[] counts, int depth) {
        boolean pure = Arrays.stream(counts).filter(c -> c > 0).count() == 1;
        if (pure || depth >= options.maxDepth() || rows.length < 2 * options.minSamplesLeaf()) {
            return null;
        }
        Candidate best = null;
        for (int f = 0; f < d; f++) {
            Candidate c = bestSplit(rows, f);
            if (c != null && (best == null || c.impurity() < best.impurity())) {
                best = c;
            }
        }
        return best;
    }

    /** Sweeps the sorted values of feature {@code f}, moving rows from the right child to the left. */
    private Candidate bestSplit(int[] rows, int f) {
        Integer[] sorted = Arrays.stream(rows).boxed().toArray(Integer[]::new);
        Arrays.sort(sorted, Comparator.comparingDouble(r -> value(r, f)));
        double[] left = new double[numClasses];
        double[] right = counts(rows);
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

    private double[] counts(int[] rows) {
        double[] c = new double[numClasses];
        for (int r : rows) {
            c[y[r]]++;
        }
        return c;
    }
}
