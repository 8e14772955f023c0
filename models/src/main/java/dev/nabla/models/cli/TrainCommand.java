package dev.nabla.models.cli;

import dev.nabla.Device;
import dev.nabla.models.zoo.TrainOptions;
import dev.nabla.models.zoo.TrainResult;
import dev.nabla.models.zoo.Zoo;
import dev.nabla.models.zoo.ZooModel;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nabla train MODEL}: trains a zoo model on its default data or on {@code --data}. */
@Command(name = "train", description = "Train a zoo model (see 'nabla list').")
final class TrainCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "the model name")
    String model;

    @Option(names = "--epochs", description = "passes over the data (default: the model's)")
    int epochs;

    @Option(names = "--batch-size", description = "samples per step (default: the model's)")
    int batchSize;

    @Option(names = "--lr", description = "learning rate (default: the model's)")
    double lr;

    @Option(names = "--device", description = "cpu, cuda or cuda:N (default: the best usable)")
    String device;

    @Option(names = "--seed", description = "random seed (default: ${DEFAULT-VALUE})", defaultValue = "42")
    long seed;

    @Option(names = "--data", description = "real data instead of the embedded default")
    Path data;

    @Option(names = "--out", description = "folder for checkpoints, metrics and plots")
    Path out;

    @Override
    public Integer call() {
        ZooModel zooModel = Zoo.get(model);
        Device target = device == null ? Device.best() : Device.parse(device);
        TrainOptions options = new TrainOptions(epochs, batchSize, lr, target, seed, data, out);
        System.out.printf("training %s on %s (%s)%n", zooModel.name(), target, zooModel.defaults());
        TrainResult result = zooModel.train(options, System.out);
        result.metrics().forEach((k, v) -> System.out.printf(Locale.ROOT, "%s = %.4f%n", k, v));
        System.out.printf(Locale.ROOT, "time = %.1f s%n", result.seconds());
        return 0;
    }
}
