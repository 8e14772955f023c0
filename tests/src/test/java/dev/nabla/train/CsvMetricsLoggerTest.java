package dev.nabla.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvMetricsLoggerTest {

    @TempDir
    Path dir;

    private static Map<String, Object> row(int epoch, double loss, String note) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("epoch", epoch);
        r.put("loss", loss);
        r.put("note", note);
        return r;
    }

    @Test
    void headerFromFirstRowEachRowFlushedAndAppendsOnReopen() throws IOException {
        Path file = dir.resolve("metrics.csv");
        try (CsvMetricsLogger log = new CsvMetricsLogger(file)) {
            log.log(row(1, 0.5, "ok"));
            // flushed: visible before close
            assertEquals(List.of("epoch,loss,note", "1,0.5,ok"), Files.readAllLines(file));
            log.log(row(2, 0.25, "has,comma \"quoted\""));
        }
        try (CsvMetricsLogger log = new CsvMetricsLogger(file)) {
            assertEquals(List.of("epoch", "loss", "note"), log.columns());
            log.log(row(3, 0.125, ""));
        }
        assertEquals(List.of("epoch,loss,note", "1,0.5,ok", "2,0.25,\"has,comma \"\"quoted\"\"\"", "3,0.125,"),
                Files.readAllLines(file));
    }

    @Test
    void rowsWithOtherKeysAreRejected() throws IOException {
        try (CsvMetricsLogger log = new CsvMetricsLogger(dir.resolve("m.csv"))) {
            log.log(Map.of("epoch", 1));
            var e = assertThrows(IllegalArgumentException.class, () -> log.log(Map.of("step", 1)));
            assertEquals(true, e.getMessage().contains("[step]"), e.getMessage());
        }
    }
}
