package dev.nabla.models.cli;

import dev.nabla.models.train.SampleWriter;
import dev.nabla.models.train.Samples;
import dev.nabla.models.train.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nabla sample MODEL --checkpoint FILE}: images as a PNG grid, text to standard output. */
@Command(name = "sample", aliases = "generate", description = "Draw samples from a trained generative zoo model.")
final class SampleCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model;

    @Option(names = "--checkpoint", paramLabel = "FILE", required = true, description = "a checkpoint from 'nabla train'")
    Path checkpoint;

    @Option(names = "--count", paramLabel = "N", converter = Converters.PositiveInt.class,
            description = "images or points to draw, or characters of text (default: the model's)")
    Integer count;

    @Option(names = "--out", paramLabel = "PNG", description = "where image samples go (default: ${DEFAULT-VALUE})",
            defaultValue = "samples.png")
    Path out;

    @Override
    public Integer call() {
        Path parent = out.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent) || !Files.isWritable(parent)) {
            throw new IllegalArgumentException("sample: cannot write " + out + ": " + parent + " is not a writable folder");
        }
        Session session = TrainedModel.open(model, checkpoint);
        Samples samples = session.sample(count == null ? 0 : count).orElseThrow(() -> new IllegalArgumentException(
                "sample: " + model.model + " is not a generative model"));
        if (samples.isImages() || samples.isPoints()) {
            SampleWriter.write(out, samples);
            System.out.println("wrote " + samples.count() + " samples to " + out);
        } else {
            samples.text().forEach(System.out::println);
        }
        return 0;
    }
}
