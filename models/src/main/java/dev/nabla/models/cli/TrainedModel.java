package dev.nabla.models.cli;

import dev.nabla.Device;
import dev.nabla.io.TrainingCheckpoint;
import dev.nabla.models.train.Checkpoints;
import dev.nabla.models.train.Session;
import dev.nabla.models.zoo.ZooModel;
import java.nio.file.Path;

/** A trained model opened from its checkpoint, for {@code eval} and {@code sample}. */
final class TrainedModel {

    private TrainedModel() {
    }

    /**
     * The session of {@code model}'s run with the checkpoint's weights, in evaluation mode: built with
     * the options the checkpoint records (its seed and data, so the held-out split is the run's), the
     * ones given on the command line taking precedence.
     *
     * @throws IllegalArgumentException for a missing or malformed checkpoint, or one of another model
     */
    static Session open(ModelOptions model, Path checkpoint) {
        ZooModel zooModel = model.zooModel();
        Device device = model.device();
        TrainingCheckpoint saved = Checkpoints.read(checkpoint, zooModel.name());
        Session session = zooModel.open(RunRecipe.resolve(zooModel, device, RunRecipe.Given.of(model), saved.metadata()));
        Checkpoints.restore(saved, session, false);
        session.model().eval();
        return session;
    }
}
