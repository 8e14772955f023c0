package dev.nabla.data;

/**
 * A view of some samples of another dataset, in the given order.
 *
 * @param <T> the sample type
 */
public final class Subset<T> implements Dataset<T> {

    private final Dataset<T> source;
    private final int[] indices;

    /**
     * The samples of {@code source} at {@code indices}.
     *
     * @throws IllegalArgumentException for an index outside the source
     */
    public Subset(Dataset<T> source, int[] indices) {
        for (int i : indices) {
            if (i < 0 || i >= source.size()) {
                throw new IllegalArgumentException("Subset: index " + i + " is outside a dataset of " + source.size()
                        + " samples");
            }
        }
        this.source = source;
        this.indices = indices.clone();
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public T get(int index) {
        return source.get(indices[index]);
    }
}
