package dev.nabla.ml.linear;

import dev.nabla.Generator;

/**
 * A binary SVM training set on the host, as liblinear sees it: rows {@code x_i} (row-major
 * {@code n × d}) with labels {@code y_i = ±1}, each row extended by a constant bias feature (the
 * intercept, penalised like a weight, as in liblinear and scikit-learn's {@code LinearSVC}) when
 * {@code bias > 0}. The coordinate-descent solvers visit coordinates in a seeded random order.
 *
 * @param x the rows, {@code n·d} values
 * @param y the labels, -1 or +1
 * @param d features per row
 * @param bias the bias feature's value (scikit-learn's {@code intercept_scaling}), or 0 for no intercept
 * @param c the loss weight {@code C} of {@code ½|w|² + C Σ loss_i} (or {@code |w|₁ + C Σ loss_i})
 */
record SvmProblem(double[] x, double[] y, int d, double bias, double c) {

    /** The number of rows. */
    int rows() {
        return y.length;
    }

    /** Parameters per model: the feature weights, then the bias weight when there is one. */
    int width() {
        return d + (bias > 0 ? 1 : 0);
    }

    /** {@code wᵀx_i}, the bias feature included. */
    double dot(double[] w, int i) {
        double s = bias > 0 ? w[d] * bias : 0;
        int at = i * d;
        for (int j = 0; j < d; j++) {
            s += w[j] * x[at + j];
        }
        return s;
    }

    /** {@code w += a·x_i}, the bias feature included. */
    void addRow(double a, int i, double[] w) {
        int at = i * d;
        for (int j = 0; j < d; j++) {
            w[j] += a * x[at + j];
        }
        if (bias > 0) {
            w[d] += a * bias;
        }
    }

    /** Shuffles the first {@code size} entries of {@code order} (Fisher-Yates). */
    static void shuffle(int[] order, int size, Generator gen) {
        for (int i = size - 1; i > 0; i--) {
            int j = gen.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /** {@code 0, 1, ..., size - 1}. */
    static int[] identity(int size) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        return order;
    }

    /**
     * What a solver returns.
     *
     * @param w the weights, the bias weight last when there is one
     * @param iterations passes over the coordinates
     * @param converged whether the stopping rule was met within the iteration limit
     */
    record Solution(double[] w, int iterations, boolean converged) {
    }
}
