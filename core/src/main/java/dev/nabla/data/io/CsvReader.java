package dev.nabla.data.io;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Reads CSV files: one record per line, cells separated by a single delimiter character,
 * optionally a header line and optionally one column holding the label. Cells follow RFC 4180: a
 * cell may be wrapped in double quotes, inside which the delimiter and line breaks are text and
 * {@code ""} stands for one quote; spaces and tabs around a cell are dropped, blank lines are
 * skipped, and a UTF-8 byte-order mark at the start is ignored. Files must be valid UTF-8. Numbers
 * use the syntax numpy and pandas read ({@link CsvNumbers}: decimal with an optional exponent, and
 * {@code nan}/{@code inf}/{@code infinity} in any case), never Java's extras such as {@code 1d} or
 * {@code 0x1p3}. Every error names the source, the line and the column.
 *
 * <p>{@link #readTable} and {@link #readDataset} read numeric files; {@link #readFrame} reads
 * files with text columns too, such as class names, for a {@link dev.nabla.data.LabelEncoder}.
 * Instances are immutable; configure one with the {@code with...} methods:
 * <pre>{@code
 * CsvDataset iris = CsvReader.numeric().withHeader(true).withLabelColumn(-1).readDataset(path);
 * CsvFrame frame = CsvReader.numeric().withHeader(true).readFrame(path);
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
     * @throws IllegalArgumentException when the file is missing or not valid UTF-8, a cell is not a
     *     number or a row has a different number of cells than the first
     */
    public CsvTable readTable(Path file) {
        return fromFile(file, this::readTable);
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
        Cells cells = cells(input, source);
        double[][] rows = new double[cells.rows().size()][];
        for (int r = 0; r < rows.length; r++) {
            CsvTokenizer.Record record = cells.rows().get(r);
            rows[r] = new double[record.cells().length];
            for (int c = 0; c < rows[r].length; c++) {
                rows[r][c] = number(record, c, source);
            }
        }
        return new CsvTable(source, cells.header(), rows);
    }

    /**
     * Reads a file whose columns may hold text: a column is numeric when every one of its cells is
     * a number, text otherwise. Without a header, the columns are named {@code "0"}, {@code "1"}, ...
     *
     * @param file the CSV file (UTF-8)
     * @return the columns by name
     * @throws IllegalArgumentException when the file is missing or not valid UTF-8, a row has a
     *     different number of cells than the first, or two header names are equal
     */
    public CsvFrame readFrame(Path file) {
        return fromFile(file, this::readFrame);
    }

    /**
     * Reads a character stream whose columns may hold text, as {@link #readFrame(Path)}.
     *
     * @param input the CSV text; not closed
     * @param source a name for the input, used in error messages
     * @return the columns by name
     * @throws IllegalArgumentException as {@link #readFrame(Path)}
     */
    public CsvFrame readFrame(Reader input, String source) {
        Cells cells = cells(input, source);
        int width = cells.width();
        String[] names = new String[width];
        for (int c = 0; c < width; c++) {
            names[c] = cells.header().length > 0 ? cells.header()[c] : Integer.toString(c);
        }
        Object[] columns = new Object[width];
        for (int c = 0; c < width; c++) {
            columns[c] = column(cells.rows(), c, source);
        }
        return new CsvFrame(source, names, cells.rows().size(), columns);
    }

    /** One column as a double[] when every cell is a number, else as the cells' text. */
    private static Object column(List<CsvTokenizer.Record> rows, int c, String source) {
        boolean numeric = true;
        for (CsvTokenizer.Record r : rows) {
            numeric &= CsvNumbers.isNumber(r.cells()[c]);
        }
        if (numeric) {
            double[] values = new double[rows.size()];
            for (int r = 0; r < values.length; r++) {
                values[r] = number(rows.get(r), c, source);
            }
            return values;
        }
        String[] text = new String[rows.size()];
        for (int r = 0; r < text.length; r++) {
            text[r] = rows.get(r).cells()[c];
        }
        return text;
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

    /** The header (empty when none is configured) and the data records of a CSV text, all of one width. */
    private record Cells(String[] header, List<CsvTokenizer.Record> rows, int width) {
    }

    private Cells cells(Reader input, String source) {
        CsvTokenizer tokenizer = new CsvTokenizer(input, delimiter, source);
        String[] names = new String[0];
        List<CsvTokenizer.Record> rows = new ArrayList<>();
        int width = -1;
        for (CsvTokenizer.Record record = tokenizer.next(); record != null; record = tokenizer.next()) {
            int cells = record.cells().length;
            if (width >= 0 && cells != width) {
                throw new IllegalArgumentException(String.format(
                        "readCsv: %s line %d has %d columns, expected %d like the first line",
                        source, record.line(), cells, width));
            }
            width = cells;
            if (header && names.length == 0 && rows.isEmpty()) {
                names = record.cells();
            } else {
                rows.add(record);
            }
        }
        return new Cells(names, rows, Math.max(width, 0));
    }

    private static double number(CsvTokenizer.Record record, int column, String source) {
        String cell = record.cells()[column];
        try {
            return CsvNumbers.parse(cell);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(String.format("readCsv: %s line %d column %d: '%s' is not a number",
                    source, record.line(), column + 1, printable(cell)), e);
        }
    }

    /** The cell with control characters shown as escapes, so that a NUL is visible in the message. */
    private static String printable(String cell) {
        StringBuilder b = new StringBuilder();
        cell.chars().forEach(ch -> b.append(Character.isISOControl(ch) ? String.format("\\u%04x", ch) : (char) ch));
        return b.toString();
    }

    /** Opens {@code file} as strict UTF-8 and reads it with {@code read}. */
    private static <T> T fromFile(Path file, BiFunction<Reader, String, T> read) {
        try (Reader reader = new StrictUtf8Reader(Files.newInputStream(file))) {
            return read.apply(reader, file.toString());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("readCsv: file not found: " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("readCsv: cannot read " + file + ": " + e, e);
        }
    }
}
