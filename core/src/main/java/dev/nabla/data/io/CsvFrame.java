package dev.nabla.data.io;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV file read into named columns, each either numeric (every cell a number) or text: for
 * example iris, with four measurements and the species name. Encode a text column of class names
 * with a {@link dev.nabla.data.LabelEncoder}; gather numeric columns with {@link #matrix}.
 *
 * <pre>{@code
 * CsvFrame iris = CsvReader.numeric().withHeader(true).readFrame(path);
 * Tensor x = Tensor.of(iris.matrix("sepal_length", "sepal_width"), iris.rowCount(), 2);
 * LabelEncoder species = LabelEncoder.fit(iris.text("species"));
 * Tensor y = species.encodeTensor(iris.text("species"));
 * }</pre>
 */
public final class CsvFrame {

    private final String source;
    private final Map<String, Object> columns = new LinkedHashMap<>();
    private final int rows;

    CsvFrame(String source, String[] names, int rows, Object[] columns) {
        this.source = source;
        this.rows = rows;
        for (int c = 0; c < names.length; c++) {
            if (this.columns.put(names[c], columns[c]) != null) {
                throw new IllegalArgumentException("readCsv: " + source + " has two columns named '" + names[c] + "'");
            }
        }
    }

    /** @return where the frame came from, used in error messages */
    public String source() {
        return source;
    }

    /** @return the column names in file order */
    public List<String> names() {
        return List.copyOf(columns.keySet());
    }

    /** @return the number of data rows */
    public int rowCount() {
        return rows;
    }

    /**
     * @param name a column name
     * @return whether every cell of the column is a number
     * @throws IllegalArgumentException when there is no such column
     */
    public boolean isNumeric(String name) {
        return column(name) instanceof double[];
    }

    /**
     * @param name a numeric column's name
     * @return a copy of its values, one per row
     * @throws IllegalArgumentException when there is no such column or it holds text
     */
    public double[] numeric(String name) {
        if (!(column(name) instanceof double[] values)) {
            String[] text = (String[]) column(name);
            String first = Arrays.stream(text).filter(t -> !CsvNumbers.isNumber(t)).findFirst().orElse("");
            throw new IllegalArgumentException("readCsv: column '" + name + "' of " + source + " holds text such as '"
                    + first + "', not numbers");
        }
        return values.clone();
    }

    /**
     * @param name a text column's name
     * @return a copy of its cells, one per row
     * @throws IllegalArgumentException when there is no such column or every cell of it is a number
     */
    public String[] text(String name) {
        if (!(column(name) instanceof String[] text)) {
            throw new IllegalArgumentException("readCsv: column '" + name + "' of " + source
                    + " holds only numbers; read it with numeric(\"" + name + "\")");
        }
        return text.clone();
    }

    /**
     * The values of numeric columns, row-major: row {@code r} holds column {@code names[j]} at
     * {@code r * names.length + j}, ready for {@code Tensor.of(values, rowCount(), names.length)}.
     *
     * @param names numeric column names
     * @throws IllegalArgumentException as {@link #numeric(String)}
     */
    public double[] matrix(String... names) {
        double[] out = new double[Math.multiplyExact(rows, names.length)];
        for (int j = 0; j < names.length; j++) {
            double[] column = numeric(names[j]);
            for (int r = 0; r < rows; r++) {
                out[r * names.length + j] = column[r];
            }
        }
        return out;
    }

    private Object column(String name) {
        Object column = columns.get(name);
        if (column == null) {
            throw new IllegalArgumentException("readCsv: " + source + " has no column named '" + name + "' (columns: "
                    + columns.keySet() + ")");
        }
        return column;
    }
}
