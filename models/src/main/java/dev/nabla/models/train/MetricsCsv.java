package dev.nabla.models.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Appends one row per event ({@code epoch,step,name,value}) to a CSV file, flushing each row so
 * that the file is readable while training runs and complete up to the last row after a crash.
 * The long format keeps one fixed header however many metrics a model reports.
 */
public final class MetricsCsv implements AutoCloseable {

    private static final String HEADER = "epoch,step,metric,value";

    private final BufferedWriter out;

    /**
     * Opens {@code file}, appending when {@code append} and the file exists (a resumed run), else
     * starting a new file with the header.
     */
    public MetricsCsv(Path file, boolean append) {
        try {
            boolean fresh = !append || !Files.exists(file);
            out = fresh
                    ? Files.newBufferedWriter(file, StandardCharsets.UTF_8)
                    : Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            if (fresh) {
                out.write(HEADER);
                out.newLine();
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("metrics: cannot write " + file, e);
        }
    }

    /** Writes one row. */
    public void log(int epoch, long step, String metric, double value) {
        try {
            out.write(String.format(Locale.ROOT, "%d,%d,%s,%.6g", epoch, step, metric, value));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("metrics: cannot append a row", e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("metrics: cannot close", e);
        }
    }
}
