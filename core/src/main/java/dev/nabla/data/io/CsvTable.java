package dev.nabla.data.io;

/**
 * A numeric CSV file read into memory.
 *
 * @param source where the table came from, used in error messages
 * @param header the column names, or an empty array when the file has no header line
 * @param rows the values, one array per data line, all of the same length
 */
public record CsvTable(String source, String[] header, double[][] rows) {

    /** @return the number of data rows */
    public int rowCount() {
        return rows.length;
    }

    /** @return the number of columns (0 for a table with neither header nor rows) */
    public int columnCount() {
        return rows.length > 0 ? rows[0].length : header.length;
    }
}
