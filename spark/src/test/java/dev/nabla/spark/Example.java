package dev.nabla.spark;

import java.io.Serializable;

/**
 * One labelled row for the training tests.
 *
 * @param x features
 * @param y class index
 */
record Example(float[] x, long y) implements Serializable {
    private static final long serialVersionUID = 1L;
}
