package dev.nabla.models.train;

import dev.nabla.io.TrainingCheckpoint;
import dev.nabla.train.CsvMetricsLogger;
import dev.nabla.train.TrainingProgress;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The one training loop of the zoo: runs a {@link Session} for a number of epochs with a progress
 * bar, evaluates after every epoch, appends a row to {@code metrics.csv}, saves
 * {@code checkpoint.safetensors} after every epoch and when asked to stop, draws {@code loss.png}
 * at the end, and resumes from the checkpoint (to the exact batch) when asked.
 */
public final class TrainingLoop {

    /** Name of the checkpoint file inside the output folder. */
    public static final String CHECKPOINT = "checkpoint.safetensors";
    /** Name of the metrics file inside the output folder. */
    public static final String METRICS = "metrics.csv";
    /** Name of the learning-curve plot inside the output folder. */
    public static final String LOSS_PLOT = "loss.png";
    /** Name of the sample picture written by generative models. */
    public static final String SAMPLES = "samples.png";

    private final String modelName;
    private final int epochs;
    private final Path out;
    private final boolean resume;
    private final StopSignal stop;
    private final PrintStream log;
    private final Consumer<String> progressLines;
    private final boolean writes;

    /**
     * @param modelName the zoo name, stored in checkpoints so a resume cannot load another model's
     * @param epochs the total number of epochs (a resumed run continues up to it)
     * @param out the output folder (already checked by {@link RunFolder}), or null to write nothing
     * @param resume whether to continue from {@code out/checkpoint.safetensors}
     * @param stop the stop request, honoured between steps
     * @param log where epoch summaries go
     * @param progressLines receives the progress bar's lines; null draws it on the console
     */
    public TrainingLoop(String modelName, int epochs, Path out, boolean resume, StopSignal stop, PrintStream log,
            Consumer<String> progressLines) {
        this(modelName, epochs, out, resume, stop, log, progressLines, true);
    }

    /**
     * As above; with {@code writes} false the loop resumes from {@code out} but writes nothing there
     * (the data-parallel workers other than rank 0).
     */
    public TrainingLoop(String modelName, int epochs, Path out, boolean resume, StopSignal stop, PrintStream log,
            Consumer<String> progressLines, boolean writes) {
        if (resume && out == null) {
            throw new IllegalArgumentException("train: --resume needs --out, the folder holding " + CHECKPOINT);
        }
        this.modelName = modelName;
        this.epochs = epochs;
        this.out = out;
        this.resume = resume;
        this.stop = stop;
        this.log = log;
        this.progressLines = progressLines;
        this.writes = writes;
    }

    /** Trains {@code session} and returns its final metrics. */
    public TrainOutcome run(Session session) {
        long start = System.nanoTime();
        int firstEpoch = 1;
        int firstStep = 0;
        if (resume) {
            TrainingCheckpoint c = Checkpoints.load(out.resolve(CHECKPOINT), modelName, session, true);
            firstEpoch = (int) c.epoch();
            firstStep = (int) c.step();
            log.printf("resuming from %s at epoch %d step %d%n", out.resolve(CHECKPOINT), firstEpoch, firstStep);
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        boolean stopped = false;
        try (CsvMetricsLogger csv = out == null || !writes ? null : new CsvMetricsLogger(out.resolve(METRICS))) {
            int steps = session.stepsPerEpoch();
            for (int epoch = firstEpoch; epoch <= epochs && !stopped; epoch++) {
                int from = epoch == firstEpoch ? firstStep : 0;
                EpochResult r = runEpoch(session, epoch, from, steps);
                if (r.stoppedAt() >= 0) {
                    save(session, epoch, r.stoppedAt());
                    log.printf("stopped at epoch %d step %d%s%n", epoch, r.stoppedAt(),
                            out == null ? " (no --out, nothing saved)" : "; checkpoint saved");
                    stopped = true;
                    break;
                }
                session.model().eval();
                metrics = session.evaluate();
                log.printf(Locale.ROOT, "epoch %d/%d  train_loss %.4f  %s%n", epoch, epochs, r.meanLoss(), format(metrics));
                if (csv != null) {
                    csv.log(row(epoch, r.meanLoss(), metrics, (System.nanoTime() - start) / 1e9));
                }
                save(session, epoch + 1, 0);
                stopped = stop.isRequested() && epoch < epochs;
            }
            if (metrics.isEmpty()) {
                session.model().eval();
                metrics = session.evaluate();
            }
            if (out != null && writes) {
                MetricsPlot.write(out.resolve(METRICS), out.resolve(LOSS_PLOT), modelName);
                writeSamples(session);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("train: cannot write " + out.resolve(METRICS) + ": " + e.getMessage(), e);
        } finally {
            stop.finished();
        }
        return new TrainOutcome(metrics, (System.nanoTime() - start) / 1e9, stopped);
    }

    private EpochResult runEpoch(Session session, int epoch, int from, int steps) {
        session.model().train();
        double sum = 0;
        int count = 0;
        try (TrainingProgress progress = new TrainingProgress(
                String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs), steps - from, progressLines)) {
            for (int step = from; step < steps; step++) {
                double loss = session.trainStep(epoch, step);
                if (!Double.isFinite(loss)) {
                    throw new IllegalStateException(String.format(Locale.ROOT,
                            "train: the loss became %s at epoch %d step %d; try a smaller --lr", loss, epoch, step));
                }
                progress.step(loss);
                sum += loss;
                count++;
                if (stop.isRequested() && step + 1 < steps) {
                    return new EpochResult(sum / count, step + 1);
                }
            }
        }
        return new EpochResult(count == 0 ? Double.NaN : sum / count, -1);
    }

    private static Map<String, Object> row(int epoch, double trainLoss, Map<String, Double> metrics, double seconds) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("epoch", epoch);
        row.put("train_loss", trainLoss);
        row.putAll(metrics);
        row.put("seconds", String.format(Locale.ROOT, "%.1f", seconds));
        return row;
    }

    private void writeSamples(Session session) {
        session.sample(0).ifPresent(s -> {
            if (s.isImages() || s.isPoints()) {
                SampleWriter.write(out.resolve(SAMPLES), s);
                log.println("samples: " + out.resolve(SAMPLES));
            } else {
                s.text().forEach(log::println);
            }
        });
    }

    private void save(Session session, int epoch, int step) {
        if (out != null && writes) {
            Checkpoints.save(out.resolve(CHECKPOINT), modelName, session, epoch, step);
        }
    }

    /** Formats metrics as {@code name value} pairs for a log line. */
    public static String format(Map<String, Double> metrics) {
        StringBuilder sb = new StringBuilder();
        metrics.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "  ").append(String.format(Locale.ROOT, "%s %.4f", k, v)));
        return sb.toString();
    }

    /** An epoch's mean training loss, and the step to resume at if it was stopped (else -1). */
    private record EpochResult(double meanLoss, int stoppedAt) {
    }
}
