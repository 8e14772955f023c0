package dev.nabla.data;

import dev.nabla.Tensor;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Encodes class names as class indices, like scikit-learn's {@code LabelEncoder}: the classes are
 * the distinct names sorted by Unicode code point (as numpy sorts strings), and a name's index is
 * its position among them, as INT64 for class-index losses.
 *
 * <pre>{@code
 * LabelEncoder species = LabelEncoder.fit(frame.text("species")); // [setosa, versicolor, virginica]
 * Tensor y = species.encodeTensor(frame.text("species"));         // 0, 1 or 2 per row
 * }</pre>
 */
public final class LabelEncoder {

    /** Code-point order: differs from {@link String#compareTo} only past U+FFFF, as numpy's does. */
    private static final Comparator<String> CODE_POINTS = (a, b) -> Arrays.compare(a.codePoints().toArray(),
            b.codePoints().toArray());

    private final List<String> classes;
    private final Map<String, Long> indices = new HashMap<>();

    private LabelEncoder(List<String> classes) {
        this.classes = classes;
        for (int i = 0; i < classes.size(); i++) {
            indices.put(classes.get(i), (long) i);
        }
    }

    /**
     * The encoder for the distinct names among {@code labels}.
     *
     * @throws IllegalArgumentException when a label is null
     */
    public static LabelEncoder fit(String... labels) {
        TreeSet<String> distinct = new TreeSet<>(CODE_POINTS);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == null) {
                throw new IllegalArgumentException("LabelEncoder.fit: label " + i + " is null");
            }
            distinct.add(labels[i]);
        }
        return new LabelEncoder(List.copyOf(distinct));
    }

    /** @return the class names, sorted; a name's index in this list is its class index */
    public List<String> classes() {
        return classes;
    }

    /** @return the number of classes */
    public int classCount() {
        return classes.size();
    }

    /**
     * @param labels class names seen by {@link #fit}
     * @return their class indices
     * @throws IllegalArgumentException naming the first label that is not a known class
     */
    public long[] encode(String... labels) {
        long[] out = new long[labels.length];
        for (int i = 0; i < labels.length; i++) {
            Long index = labels[i] == null ? null : indices.get(labels[i]);
            if (index == null) {
                throw new IllegalArgumentException("LabelEncoder.encode: label " + i + " '" + labels[i]
                        + "' is not one of the " + classes.size() + " classes " + abbreviated());
            }
            out[i] = index;
        }
        return out;
    }

    /**
     * @param labels class names seen by {@link #fit}
     * @return their class indices as an INT64 vector on the default device
     * @throws IllegalArgumentException as {@link #encode}
     */
    public Tensor encodeTensor(String... labels) {
        return Tensor.of(encode(labels), labels.length);
    }

    /**
     * @param index a class index
     * @return the class name
     * @throws IllegalArgumentException when the index is outside {@code [0, classCount())}
     */
    public String decode(long index) {
        if (index < 0 || index >= classes.size()) {
            throw new IllegalArgumentException("LabelEncoder.decode: index " + index + " is outside the "
                    + classes.size() + " classes");
        }
        return classes.get((int) index);
    }

    private String abbreviated() {
        return classes.size() <= 10 ? classes.toString() : classes.subList(0, 10) + " ...";
    }
}
