package dev.nabla.models.cli;

import dev.nabla.Device;
import dev.nabla.backend.Backends;
import dev.nabla.models.zoo.TrainOptions;
import dev.nabla.models.zoo.Zoo;
import dev.nabla.models.zoo.ZooModel;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options shared by {@code train}, {@code eval} and {@code sample}: which model, on what data and device. */
final class ModelOptions {

    @Parameters(index = "0", paramLabel = "MODEL", description = "the model name (see 'nabla list')")
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

    @Option(names = "--data", paramLabel = "DIR", description = "a folder of MNIST-format IDX files instead of the embedded digits")
    Path data;

    @Option(names = "--text", paramLabel = "FILE", description = "a UTF-8 text file instead of the embedded corpus")
    Path text;

    /** The zoo model named on the command line. */
    ZooModel zooModel() {
        return Zoo.get(model);
    }

    /** The options with the model's defaults filled in, on a device proven usable. */
    TrainOptions resolve(ZooModel zooModel) {
        Device target = device == null ? Device.best() : Device.parse(device);
        Backends.get(target);
        return new TrainOptions(epochs, batchSize, lr, target, seed, data, text).resolve(zooModel.defaults());
    }
}
