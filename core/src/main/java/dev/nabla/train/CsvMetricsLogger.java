package dev.nabla.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Appends one CSV row of metrics per call (e.g. per epoch), flushing each row so that a crashed
 * run keeps its history. The header comes from the first row's keys (in their order); appending
 * to an existing non-empty file keeps its header, which later rows must match.
 */
public final class CsvMetricsLogger implements AutoCloseable {

    private final Path file;
    private final BufferedWriter out;
    private List<String> columns;

    /** A logger appending to {@code file} (created if absent). */
    public CsvMetricsLogger(Path file) throws IOException {
        this.file = file;
        if (Files.exists(file) && Files.size(file) > 0) {
            try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
                columns = List.of(lines.findFirst().orElseThrow().split(",", -1));
            }
        }
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /**
     * Writes one row.
     *
     * @throws IllegalArgumentException when the keys differ from the header's columns
     */
    public void log(Map<String, ?> row) {
        try {
            if (columns == null) {
                columns = List.copyOf(row.keySet());
                writeLine(new ArrayList<>(columns));
            }
            if (!row.keySet().equals(new java.util.HashSet<>(columns))) {
                throw new IllegalArgumentException("CsvMetricsLogger.log: row keys " + row.keySet() + " do not match the "
                        + "columns " + columns + " of " + file);
            }
            List<String> cells = new ArrayList<>();
            columns.forEach(c -> cells.add(String.valueOf(row.get(c))));
            writeLine(cells);
        } catch (IOException e) {
            throw new UncheckedIOException("CsvMetricsLogger.log: cannot write " + file, e);
        }
    }

    private void writeLine(List<String> cells) throws IOException {
        List<String> escaped = new ArrayList<>();
        for (String c : cells) {
            boolean quote = c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r");
            escaped.add(quote ? '"' + c.replace("\"", "\"\"") + '"' : c);
        }
        out.write(String.join(",", escaped));
        out.newLine();
        out.flush();
    }

    /** The columns, or null before the first row of a new file. */
    public List<String> columns() {
        return columns;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
