package dev.nabla.models.train;

import dev.nabla.io.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@code metrics.csv} whole from a run's history (one row per finished epoch: epoch,
 * train_loss, the metrics, seconds), atomically. The history lives in the checkpoint, so the file is
 * rewritten from it rather than appended to: a killed and resumed run never repeats or drops a row.
 */
final class MetricsCsv {

    private MetricsCsv() {
    }

    /** The CSV text of {@code history}: a header and one row per epoch (nothing for no epoch). */
    static String format(List<EpochRecord> history) {
        if (history.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        sb.append("epoch,train_loss");
        history.get(0).metrics().keySet().forEach(name -> sb.append(',').append(name));
        sb.append(",seconds\n");
        for (EpochRecord r : history) {
            sb.append(r.epoch()).append(',').append(r.trainLoss());
            history.get(0).metrics().keySet().forEach(name -> sb.append(',').append(r.metrics().get(name)));
            sb.append(String.format(Locale.ROOT, ",%.1f", r.seconds())).append('\n');
        }
        return sb.toString();
    }

    /** Replaces {@code file} with the CSV of {@code history}, or deletes it when no epoch has finished. */
    static void write(Path file, List<EpochRecord> history) throws IOException {
        if (history.isEmpty()) {
            Files.deleteIfExists(file);
            return;
        }
        byte[] bytes = format(history).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, channel -> {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        });
    }
}
