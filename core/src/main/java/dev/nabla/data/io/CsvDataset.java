package dev.nabla.data.io;

/**
 * Features and labels split out of a numeric CSV file.
 *
 * @param featureNames the names of the feature columns (empty when the file has no header)
 * @param features {@code rows × cols} feature values, row-major
 * @param rows the number of examples
 * @param cols the number of features per example
 * @param labels one label value per example
 */
public record CsvDataset(String[] featureNames, double[] features, int rows, int cols, double[] labels) {

    /**
     * Reads the labels as class indices.
     *
     * @return the labels as ints
     * @throws IllegalArgumentException when a label is not a non-negative whole number
     */
    public int[] classLabels() {
        int[] classes = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            double v = labels[i];
            if (!(v >= 0 && v <= Integer.MAX_VALUE && v == Math.rint(v))) {
                throw new IllegalArgumentException(
                        "classLabels: label " + v + " of row " + i + " is not a non-negative whole number");
            }
            classes[i] = (int) v;
        }
        return classes;
    }
}
