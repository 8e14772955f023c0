package dev.nabla.models.train;

import dev.nabla.Generator;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one training loop of the zoo: runs a {@link Session} for a number of epochs with a progress
 * line, evaluates after every epoch, logs metrics to {@code metrics.csv}, draws {@code loss.png},
 * saves {@code checkpoint.safetensors} after every epoch and when stopped, and resumes from it.
 */
public final class TrainingLoop {

    /** Name of the checkpoint file inside the output folder. */
    public static final String CHECKPOINT = "checkpoint.safetensors";
    /** Name of the metrics file inside the output folder. */
    public static final String METRICS = "metrics.csv";
    /** Name of the loss-curve plot inside the output folder. */
    public static final String LOSS_PLOT = "loss.png";
    /** Name of the sample grid written by image generators. */
    public static final String SAMPLES = "samples.png";

    private static final int SAMPLE_COUNT = 64;

    private final String modelName;
    private final int epochs;
    private final Path out;
    private final boolean resume;
    private final StopSignal stop;
    private final PrintStream log;

    /**
     * @param modelName the zoo name, stored in checkpoints so a resume cannot load another model's
     * @param epochs the total number of epochs (a resumed run continues up to it)
     * @param out the output folder (already validated by {@link RunFolder}), or null to write nothing
     * @param resume whether to continue from {@code out/checkpoint.safetensors}
     * @param stop the stop request to honour between steps
     * @param log where progress goes
     */
    public TrainingLoop(String modelName, int epochs, Path out, boolean resume, StopSignal stop, PrintStream log) {
        if (resume && out == null) {
            throw new IllegalArgumentException("train: --resume needs --out, the folder holding " + CHECKPOINT);
        }
        this.modelName = modelName;
        this.epochs = epochs;
        this.out = out;
        this.resume = resume;
        this.stop = stop;
        this.log = log;
    }

    /** Trains {@code session} and returns its final metrics. */
    public TrainOutcome run(Session session) {
        long start = System.nanoTime();
        Position position = resume ? restore(session) : new Position(1, 0);
        Map<String, Double> metrics = new LinkedHashMap<>();
        List<double[]> losses = new ArrayList<>();
        boolean stopped = false;
        try (MetricsCsv csv = out == null ? null : new MetricsCsv(out.resolve(METRICS), resume)) {
            int steps = session.stepsPerEpoch();
            for (int epoch = position.epoch(); epoch <= epochs && !stopped; epoch++) {
                session.model().train();
                ProgressLine progress = new ProgressLine(log, epoch, epochs, steps);
                int first = epoch == position.epoch() ? position.step() : 0;
                for (int step = first; step < steps; step++) {
                    double loss = session.trainStep(epoch, step);
                    if (!Double.isFinite(loss)) {
                        throw new IllegalStateException(String.format(Locale.ROOT,
                                "train: loss became %s at epoch %d step %d; try a smaller --lr", loss, epoch, step));
                    }
                    long globalStep = (long) (epoch - 1) * steps + step + 1;
                    losses.add(new double[] {globalStep, loss});
                    progress.update(step + 1, loss);
                    if (csv != null) {
                        csv.log(epoch, globalStep, "train_loss", loss);
                    }
                    if (stop.isRequested() && step + 1 < steps) {
                        save(session, new Position(epoch, step + 1));
                        progress.finish("stopped; checkpoint saved");
                        stopped = true;
                        break;
                    }
                }
                if (stopped) {
                    break;
                }
                session.model().eval();
                metrics = session.evaluate();
                progress.finish(format(metrics));
                for (Map.Entry<String, Double> m : metrics.entrySet()) {
                    if (csv != null) {
                        csv.log(epoch, (long) epoch * steps, m.getKey(), m.getValue());
                    }
                }
                save(session, new Position(epoch + 1, 0));
                stopped = stop.isRequested() && epoch < epochs;
            }
            if (metrics.isEmpty()) {
                session.model().eval();
                metrics = session.evaluate();
            }
            writeArtifacts(session, losses);
        } finally {
            stop.finished();
        }
        return new TrainOutcome(metrics, (System.nanoTime() - start) / 1e9, stopped);
    }

    private void writeArtifacts(Session session, List<double[]> losses) {
        if (out == null) {
            return;
        }
        if (!losses.isEmpty()) {
            LossPlot.write(out.resolve(LOSS_PLOT), modelName, losses);
        }
        session.sample(SAMPLE_COUNT).filter(Samples::isImages).ifPresent(s -> {
            SampleWriter.writeGrid(out.resolve(SAMPLES), s);
            log.println("samples: " + out.resolve(SAMPLES));
        });
    }

    private void save(Session session, Position position) {
        if (out == null) {
            return;
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("model", modelName);
        meta.put("epoch", Integer.toString(position.epoch()));
        meta.put("step", Integer.toString(position.step()));
        meta.put("generator_offset", Long.toString(Generator.global().offset()));
        Checkpoints.save(out.resolve(CHECKPOINT), session.model(), meta);
    }

    private Position restore(Session session) {
        Path file = out.resolve(CHECKPOINT);
        Map<String, String> meta = Checkpoints.load(file, session.model(), modelName);
        Generator.global().setOffset(Long.parseLong(meta.get("generator_offset")));
        Position p = new Position(Integer.parseInt(meta.get("epoch")), Integer.parseInt(meta.get("step")));
        log.printf("resuming from %s at epoch %d step %d%n", file, p.epoch(), p.step());
        return p;
    }

    /** Formats metrics as {@code name value} pairs for a log line. */
    public static String format(Map<String, Double> metrics) {
        StringBuilder sb = new StringBuilder();
        metrics.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "  ").append(String.format(Locale.ROOT, "%s %.4f", k, v)));
        return sb.toString();
    }

    /** Where training continues: the 1-based epoch and the 0-based step inside it. */
    private record Position(int epoch, int step) {
    }
}
