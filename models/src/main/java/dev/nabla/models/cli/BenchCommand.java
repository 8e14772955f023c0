package dev.nabla.models.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nabla.Device;
import dev.nabla.models.bench.BenchEntry;
import dev.nabla.models.bench.BenchRunner;
import dev.nabla.models.bench.BenchSuite;
import dev.nabla.models.bench.MlBench;
import dev.nabla.models.train.Session;
import dev.nabla.models.zoo.TrainOptions;
import dev.nabla.models.zoo.Zoo;
import dev.nabla.models.zoo.ZooModel;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nabla bench}: the performance suite of {@link BenchSuite} (SGEMM, conv2d, training steps of
 * MLP, LeNet-5, LSTM and Transformer) as one JSON object per case; with {@code --zoo}, training
 * steps of small zoo models instead, for comparing backends and machines.
 */
@Command(name = "bench", description = "Run the performance suite (or --zoo model steps); one JSON object per case.")
final class BenchCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILTER",
            description = "run only suite cases whose name contains FILTER, or one of its comma-separated parts (e.g. sgemm,lstm); "
                    + "'ml' runs the classical-ML fits at 200,000 x 50 instead ('ml:kmeans,knn' some of them)")
    String filter = "";

    @Option(names = "--zoo", description = "time training steps of zoo models instead of the suite")
    boolean zoo;

    private static final List<String> CASES = List.of("mlp-digits", "lenet-digits");

    @Option(names = "--device", paramLabel = "DEVICE",
            description = "cpu, cuda or cuda:N; wins over NABLA_DEVICE (default: NABLA_DEVICE, else the best usable)")
    String device;

    @Option(names = "--steps", paramLabel = "N", converter = Converters.PositiveInt.class,
            description = "timed steps per --zoo case (default: ${DEFAULT-VALUE})", defaultValue = "20")
    int steps;

    @Option(names = "--warmup", paramLabel = "N", converter = Converters.NonNegativeInt.class,
            description = "untimed steps first, per --zoo case (default: ${DEFAULT-VALUE})", defaultValue = "5")
    int warmup;

    @Option(names = "--batch-size", paramLabel = "N", converter = Converters.PositiveInt.class,
            description = "samples per step of a --zoo case (default: ${DEFAULT-VALUE})", defaultValue = "64")
    int batchSize;

    @Override
    public Integer call() {
        if (filter.equals("ml") || filter.startsWith("ml:")) {
            String cases = filter.equals("ml") ? "" : filter.substring(3);
            if (MlBench.run(cases) == 0) {
                throw new IllegalArgumentException("bench: no ml case matches '" + cases + "'; the cases: "
                        + String.join(", ", MlBench.cases()));
            }
            return 0;
        }
        Device target = DeviceOption.choose(device);
        if (!zoo) {
            if (BenchRunner.run(BenchSuite.all(target), filter, target) == 0) {
                throw new IllegalArgumentException("bench: no case matches '" + filter + "'; the cases: "
                        + String.join(", ", BenchSuite.all(target).stream().map(BenchEntry::name).toList()));
            }
            return 0;
        }
        for (String name : CASES) {
            if (Zoo.all().containsKey(name)) {
                System.out.println(run(Zoo.get(name), target));
            }
        }
        return 0;
    }

    private String run(ZooModel model, Device target) {
        TrainOptions options = new TrainOptions(1, batchSize, 0, target, 42, null, null).resolve(model.defaults());
        Session session = model.open(options);
        int perEpoch = session.stepsPerEpoch();
        for (int i = 0; i < warmup; i++) {
            session.trainStep(1, i % perEpoch);
        }
        long start = System.nanoTime();
        double loss = 0;
        for (int i = 0; i < steps; i++) {
            loss = session.trainStep(1, (warmup + i) % perEpoch);
        }
        double ms = (System.nanoTime() - start) / 1e6 / steps;
        return new ObjectMapper().createObjectNode().put("case", model.name() + "-train-step")
                .put("device", target.toString()).put("batch", batchSize).put("steps", steps)
                .put("ms_per_step", Math.round(ms * 1000) / 1000.0)
                .put("samples_per_s", Math.round(batchSize * 10000.0 / ms) / 10.0).put("last_loss", loss).toString();
    }
}
