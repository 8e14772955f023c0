package dev.nabla.models.cli;

import dev.nabla.Device;
import dev.nabla.models.zoo.Zoo;
import dev.nabla.models.zoo.ZooModel;
import java.nio.file.Path;
import java.util.function.Predicate;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options shared by {@code train}, {@code eval} and {@code sample}: which model, on what data and device. */
final class ModelOptions {

    @Parameters(index = "0", paramLabel = "MODEL", description = "the model name (see 'nabla list')")
    String model;

    @Option(names = "--device", paramLabel = "DEVICE",
            description = "cpu, cuda or cuda:N; wins over NABLA_DEVICE (default: NABLA_DEVICE, else the best usable)")
    String device;

    @Option(names = "--seed", paramLabel = "N", description = "random seed (default: " + RunRecipe.DEFAULT_SEED
            + ", or the checkpoint's)")
    Long seed;

    @Option(names = "--data", paramLabel = "DIR",
            description = "a folder of MNIST-format IDX files instead of the embedded digits (digit models only)")
    Path data;

    @Option(names = "--text", paramLabel = "FILE",
            description = "a UTF-8 text file instead of the embedded corpus (text models only)")
    Path text;

    /**
     * The zoo model named on the command line.
     *
     * @throws IllegalArgumentException for an unknown name, or {@code --data}/{@code --text} given to a
     *     model that does not read it
     */
    ZooModel zooModel() {
        ZooModel m = Zoo.get(model);
        refuseUnread("--data", data, m, ZooModel::readsIdxData);
        refuseUnread("--text", text, m, ZooModel::readsText);
        return m;
    }

    /** The device to run on ({@link DeviceOption#choose}). */
    Device device() {
        return DeviceOption.choose(device);
    }

    private static void refuseUnread(String option, Path value, ZooModel m, Predicate<ZooModel> reads) {
        if (value != null && !reads.test(m)) {
            throw new IllegalArgumentException(option + " is not read by " + m.name() + "; the models that read it: "
                    + String.join(", ", Zoo.all().values().stream().filter(reads).map(ZooModel::name).toList()));
        }
    }
}
