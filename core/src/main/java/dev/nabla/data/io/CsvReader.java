package dev.nabla.data.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads numeric CSV files: one record per line, cells separated by a single delimiter character,
 * optionally a header line and optionally one column holding the label. Blank lines are skipped and
 * a cell may be wrapped in double quotes. Every error names the source, the line and the column.
 *
 * <p>Instances are immutable; configure one with the {@code with...} methods:
 * <pre>{@code
 * CsvDataset iris = CsvReader.numeric().withHeader(true).withLabelColumn(-1).readDataset(path);
 * }</pre>
 */
public final class CsvReader {

    private final char delimiter;
    private final boolean header;
    private final Integer labelIndex;
    private final String labelName;

    private CsvReader(char delimiter, boolean header, Integer labelIndex, String labelName) {
        this.delimiter = delimiter;
        this.header = header;
        this.labelIndex = labelIndex;
        this.labelName = labelName;
    }

    /** @return a reader for comma-separated files without header, with the label in the last column */
    public static CsvReader numeric() {
        return new CsvReader(',', false, -1, null);
    }

    /**
     * @param newDelimiter the cell separator, e.g. {@code ';'} or {@code '\t'}
     * @return a copy of this reader with that delimiter
     * @throws IllegalArgumentException when the delimiter is a double quote or a line break
     */
    public CsvReader withDelimiter(char newDelimiter) {
        if (newDelimiter == '"' || newDelimiter == '\n' || newDelimiter == '\r') {
            throw new IllegalArgumentException("CsvReader: delimiter " + (int) newDelimiter + " is not allowed");
        }
        return new CsvReader(newDelimiter, header, labelIndex, labelName);
    }

    /**
     * @param hasHeader whether the first non-blank line holds column names
     * @return a copy of this reader with that setting
     */
    public CsvReader withHeader(boolean hasHeader) {
        return new CsvReader(delimiter, hasHeader, labelIndex, labelName);
    }

    /**
     * @param column the zero-based label column; negative values count from the end ({@code -1} is the last)
     * @return a copy of this reader taking labels from that column
     */
    public CsvReader withLabelColumn(int column) {
        return new CsvReader(delimiter, header, column, null);
    }

    /**
     * @param name the header name of the label column (needs {@link #withHeader(boolean) a header})
     * @return a copy of this reader taking labels from that column
     */
    public CsvReader withLabelColumn(String name) {
        return new CsvReader(delimiter, header, null, name);
    }

    /**
     * Reads all cells of a file as numbers.
     *
     * @param file the CSV file (UTF-8)
     * @return the header (if configured) and the rows
     * @throws IllegalArgumentException when the file is missing, a cell is not a number or a row has
     *     a different number of cells than the first
     */
    public CsvTable readTable(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return readTable(reader, file.toString());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("readCsv: file not found: " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("readCsv: cannot read " + file, e);
        }
    }

    /**
     * Reads all cells from a character stream as numbers.
     *
     * @param input the CSV text; not closed
     * @param source a name for the input, used in error messages
     * @return the header (if configured) and the rows
     * @throws IllegalArgumentException as {@link #readTable(Path)}
     */
    public CsvTable readTable(Reader input, String source) {
        BufferedReader lines = input instanceof BufferedReader b ? b : new BufferedReader(input);
        String[] names = new String[0];
        List<double[]> rows = new ArrayList<>();
        int width = -1;
        int lineNumber = 0;
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = split(line);
                if (width >= 0 && cells.length != width) {
                    throw new IllegalArgumentException(String.format(
                            "readCsv: %s line %d has %d columns, expected %d like the first line",
                            source, lineNumber, cells.length, width));
                }
                width = cells.length;
                if (header && names.length == 0 && rows.isEmpty()) {
                    names = cells;
                } else {
                    rows.add(parse(cells, source, lineNumber));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("readCsv: cannot read " + source, e);
        }
        return new CsvTable(source, names, rows.toArray(new double[0][]));
    }

    /**
     * Reads a file and splits it into features and labels.
     *
     * @param file the CSV file (UTF-8)
     * @return the feature matrix and the label column
     * @throws IllegalArgumentException as {@link #readTable(Path)}, and when the label column does not exist
     */
    public CsvDataset readDataset(Path file) {
        return toDataset(readTable(file));
    }

    /**
     * Reads a character stream and splits it into features and labels.
     *
     * @param input the CSV text; not closed
     * @param source a name for the input, used in error messages
     * @return the feature matrix and the label column
     * @throws IllegalArgumentException as {@link #readDataset(Path)}
     */
    public CsvDataset readDataset(Reader input, String source) {
        return toDataset(readTable(input, source));
    }

    private CsvDataset toDataset(CsvTable table) {
        int columns = table.columnCount();
        int label = labelColumnIn(table, columns);
        int cols = columns - 1;
        double[] features = new double[table.rowCount() * cols];
        double[] labels = new double[table.rowCount()];
        for (int r = 0; r < table.rowCount(); r++) {
            double[] row = table.rows()[r];
            labels[r] = row[label];
            System.arraycopy(row, 0, features, r * cols, label);
            System.arraycopy(row, label + 1, features, r * cols + label, cols - label);
        }
        String[] featureNames = table.header().length == 0 ? table.header() : withoutIndex(table.header(), label);
        return new CsvDataset(featureNames, features, table.rowCount(), cols, labels);
    }

    private int labelColumnIn(CsvTable table, int columns) {
        if (labelName != null) {
            int found = Arrays.asList(table.header()).indexOf(labelName);
            if (found < 0) {
                throw new IllegalArgumentException("readCsv: " + table.source() + " has no column named '"
                        + labelName + "' (header: " + Arrays.toString(table.header()) + ")");
            }
            return found;
        }
        int index = labelIndex < 0 ? columns + labelIndex : labelIndex;
        if (index < 0 || index >= columns) {
            throw new IllegalArgumentException("readCsv: label column " + labelIndex + " does not exist in "
                    + table.source() + ", which has " + columns + " columns");
        }
        return index;
    }

    private static String[] withoutIndex(String[] values, int skip) {
        String[] rest = new String[values.length - 1];
        System.arraycopy(values, 0, rest, 0, skip);
        System.arraycopy(values, skip + 1, rest, skip, rest.length - skip);
        return rest;
    }

    private String[] split(String line) {
        List<String> cells = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= line.length(); i++) {
            if (i == line.length() || line.charAt(i) == delimiter) {
                cells.add(unquote(line.substring(start, i).strip()));
                start = i + 1;
            }
        }
        return cells.toArray(new String[0]);
    }

    private static String unquote(String cell) {
        boolean quoted = cell.length() >= 2 && cell.startsWith("\"") && cell.endsWith("\"");
        return quoted ? cell.substring(1, cell.length() - 1).strip() : cell;
    }

    private static double[] parse(String[] cells, String source, int lineNumber) {
        double[] values = new double[cells.length];
        for (int c = 0; c < cells.length; c++) {
            try {
                values[c] = Double.parseDouble(cells[c]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(String.format(
                        "readCsv: %s line %d column %d: '%s' is not a number", source, lineNumber, c + 1, cells[c]), e);
            }
        }
        return values;
    }
}
