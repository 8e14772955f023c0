package dev.nabla.models.train;

import dev.nabla.models.console.StatusLine;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one training loop of the zoo: runs a {@link Session} for a number of epochs with a progress
 * line, evaluates after every epoch, saves {@code checkpoint.safetensors} after every epoch (and, with
 * a {@link CheckpointCadence}, inside epochs) and when asked to stop, then rewrites
 * {@code metrics.csv} from the run's history, draws {@code loss.png} at the end, and resumes from a
 * checkpoint's {@link RunState} to the exact batch. The checkpoint is written before the CSV and holds
 * the whole history, so a run killed at any moment and resumed never repeats or drops a row.
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

    /**
     * What to run.
     *
     * @param modelName the zoo name, stored in checkpoints so a resume cannot load another model's
     * @param epochs the total number of epochs (a resumed run continues up to it)
     * @param out the output folder (already prepared by {@link RunFolder}), or null to write nothing
     * @param cadence how often to save inside an epoch
     * @param metadata entries every checkpoint carries (the program's options)
     */
    public record Run(String modelName, int epochs, Path out, CheckpointCadence cadence, Map<String, String> metadata) {

        /** Copies the metadata. */
        public Run {
            metadata = Map.copyOf(metadata);
        }
    }

    private final Run run;
    private final StopSignal stop;
    private final PrintStream log;
    private final StatusLine status;
    private long stepsSinceSave;
    private long lastSave;

    /**
     * @param stop the stop request, honoured between steps
     * @param log where epoch summaries go
     * @param status where the progress of each epoch is shown
     */
    public TrainingLoop(Run run, StopSignal stop, PrintStream log, StatusLine status) {
        this.run = run;
        this.stop = stop;
        this.log = log;
        this.status = status;
    }

    /**
     * Trains {@code session} from {@code from} ({@link RunState#START}, or a checkpoint's state whose
     * model and optimizer state the session already holds) and returns the final metrics.
     *
     * @throws IllegalArgumentException when {@code from} lies outside the session's epochs
     * @throws IllegalStateException when the loss stops being finite
     */
    public TrainOutcome run(Session session, RunState from) {
        int steps = session.stepsPerEpoch();
        if (from.step() > steps) {
            throw new IllegalArgumentException("train: the checkpoint is at step " + from.step() + " of epoch "
                    + from.epoch() + ", but an epoch of " + run.modelName() + " has " + steps + " steps");
        }
        long start = System.nanoTime();
        lastSave = start;
        List<EpochRecord> history = new ArrayList<>(from.history());
        // a resumed run's CSV is the checkpoint's history, whatever a kill left in the file
        writeCsv(history);
        for (int epoch = from.epoch(); epoch <= run.epochs(); epoch++) {
            boolean resumed = epoch == from.epoch();
            int step = resumed ? from.step() : 0;
            double lossSum = resumed ? from.lossSum() : 0;
            session.model().train();
            TrainingProgress progress = new TrainingProgress(String.format(Locale.ROOT, "epoch %d/%d", epoch, run.epochs()),
                    step, steps, status, System::nanoTime);
            while (step < steps) {
                double loss = session.trainStep(epoch, step);
                if (!Double.isFinite(loss)) {
                    progress.finish();
                    throw new IllegalStateException(String.format(Locale.ROOT,
                            "train: the loss became %s at epoch %d step %d; try a smaller --lr", loss, epoch, step));
                }
                lossSum += loss;
                step++;
                stepsSinceSave++;
                progress.step(loss);
                if (step < steps && (stop.isRequested() || run.cadence().due(stepsSinceSave, System.nanoTime() - lastSave))) {
                    save(session, new RunState(epoch, step, lossSum, elapsed(from, start), history));
                    if (stop.isRequested()) {
                        progress.finish();
                        log.printf("stopped at epoch %d step %d%s%n", epoch, step, savedOrNot());
                        return outcome(history, from, start, true);
                    }
                }
            }
            progress.finish();
            session.model().eval();
            Map<String, Double> metrics = session.evaluate();
            double seconds = elapsed(from, start);
            history.add(new EpochRecord(epoch, lossSum / steps, metrics, seconds));
            save(session, new RunState(epoch + 1, 0, 0, seconds, history));
            writeCsv(history);
            log.printf(Locale.ROOT, "epoch %d/%d  train_loss %.4f  %s  (%.1f s, %s steps/s)%n", epoch, run.epochs(),
                    lossSum / steps, format(metrics), progress.seconds(), TrainingProgress.rate(progress.stepsPerSecond()));
            if (stop.isRequested() && epoch < run.epochs()) {
                log.printf("stopped after epoch %d%s%n", epoch, savedOrNot());
                return outcome(history, from, start, true);
            }
        }
        if (run.out() != null) {
            MetricsPlot.write(history, run.out().resolve(LOSS_PLOT), run.modelName());
            writeSamples(session);
        }
        return outcome(history, from, start, false);
    }

    private static double elapsed(RunState from, long start) {
        return from.seconds() + (System.nanoTime() - start) / 1e9;
    }

    private static TrainOutcome outcome(List<EpochRecord> history, RunState from, long start, boolean stopped) {
        EpochRecord last = history.isEmpty() ? null : history.get(history.size() - 1);
        return new TrainOutcome(last == null ? Map.of() : last.metrics(), last == null ? 0 : last.epoch(),
                elapsed(from, start), stopped);
    }

    private String savedOrNot() {
        return run.out() == null ? " (no --out, nothing saved)" : "; checkpoint saved";
    }

    private void writeSamples(Session session) {
        session.sample(0).ifPresent(s -> {
            if (s.isImages() || s.isPoints()) {
                SampleWriter.write(run.out().resolve(SAMPLES), s);
                log.println("samples: " + run.out().resolve(SAMPLES));
            } else {
                s.text().forEach(log::println);
            }
        });
    }

    private void save(Session session, RunState state) {
        if (run.out() != null) {
            Checkpoints.save(run.out().resolve(CHECKPOINT), run.modelName(), session, state, run.metadata());
        }
        stepsSinceSave = 0;
        lastSave = System.nanoTime();
    }

    private void writeCsv(List<EpochRecord> history) {
        if (run.out() == null) {
            return;
        }
        Path file = run.out().resolve(METRICS);
        try {
            MetricsCsv.write(file, history);
        } catch (IOException e) {
            throw new UncheckedIOException("train: cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Formats metrics as {@code name value} pairs for a log line. */
    public static String format(Map<String, Double> metrics) {
        StringBuilder sb = new StringBuilder();
        metrics.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "  ").append(String.format(Locale.ROOT, "%s %.4f", k, v)));
        return sb.toString();
    }
}
