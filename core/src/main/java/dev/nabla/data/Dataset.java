package dev.nabla.data;

/**
 * A finite, indexable collection of samples.
 *
 * @param <T> the sample type
 */
public interface Dataset<T> {

    /** The number of samples. */
    int size();

    /** The sample at {@code index}, in {@code [0, size())}. */
    T get(int index);
}
