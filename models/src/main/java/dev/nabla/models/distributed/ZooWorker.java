package dev.nabla.models.distributed;

import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.distributed.Communicator;
import dev.nabla.distributed.DistributedDataParallel;
import dev.nabla.io.TrainingCheckpoint;
import dev.nabla.models.console.StatusLine;
import dev.nabla.models.train.CheckpointCadence;
import dev.nabla.models.train.Checkpoints;
import dev.nabla.models.train.DataShard;
import dev.nabla.models.train.RunState;
import dev.nabla.models.train.Session;
import dev.nabla.models.train.StopSignal;
import dev.nabla.models.train.TrainOutcome;
import dev.nabla.models.train.TrainingLoop;
import dev.nabla.models.zoo.TrainOptions;
import dev.nabla.models.zoo.ZooModel;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * One rank of the data-parallel training of a zoo model, over any communicator. Every rank opens the
 * model's session with the global generator seeded from {@code --seed} (so replicas start alike even
 * when ranks share a JVM) and its batches sharded ({@link DataShard}: {@code --batch-size} is the
 * global batch), wraps the model in a {@link DistributedDataParallel}, and runs the zoo's
 * {@link TrainingLoop}; rank 0 alone writes checkpoints, metrics and plots, and every rank reads the
 * checkpoint when resuming.
 */
public final class ZooWorker {

    /** Opening sessions one at a time: the global generator seeds their initial weights. */
    private static final Object OPENING = new Object();

    private ZooWorker() {
    }

    /**
     * What a rank ends with.
     *
     * @param outcome the training loop's final metrics and time
     * @param state the trained model's state dict
     */
    public record Run(TrainOutcome outcome, Map<String, Tensor> state) {
    }

    /**
     * Trains this rank's replica.
     *
     * @param options resolved options; the batch size is the global batch
     * @param out the run folder (rank 0 writes it, every rank resumes from it), or null
     * @param resume whether to continue from {@code out}'s checkpoint
     * @param cadence how often rank 0 saves inside an epoch
     * @param metadata the entries rank 0's checkpoints carry (the program's options)
     * @param log where rank 0's epoch lines go
     */
    public static Run train(ZooModel model, TrainOptions options, Communicator communicator, Path out, boolean resume,
            CheckpointCadence cadence, Map<String, String> metadata, PrintStream log) {
        Session session = open(model, options, communicator.rank(), communicator.size());
        RunState from = RunState.START;
        if (resume) {
            // every rank restores the same state, so the replicas continue alike
            Path file = out.resolve(TrainingLoop.CHECKPOINT);
            TrainingCheckpoint checkpoint = Checkpoints.read(file, model.name());
            from = Checkpoints.runState(checkpoint, file);
            Checkpoints.restore(checkpoint, session, true);
        }
        boolean writer = communicator.rank() == 0;
        try (DistributedDataParallel ddp = new DistributedDataParallel(session.model(), communicator);
                StopSignal stop = new StopSignal()) {
            // only rank 0 has a run folder: the other ranks write nothing
            TrainingLoop.Run run = new TrainingLoop.Run(model.name(), options.epochs(), writer ? out : null, cadence,
                    metadata);
            TrainingLoop loop = new TrainingLoop(run, stop, writer ? log : new PrintStream(OutputStream.nullOutputStream()),
                    StatusLine.none());
            TrainOutcome outcome = loop.run(new DataParallelSession(session, ddp, communicator), from);
            return new Run(outcome, session.model().stateDict());
        }
    }

    /** Opens rank {@code rank}'s session: weights from {@code options.seed()}, batches sharded over {@code size} ranks. */
    public static Session open(ZooModel model, TrainOptions options, int rank, int size) {
        synchronized (OPENING) {
            Generator.manualSeed(options.seed());
            try (DataShard ignored = DataShard.enter(rank, size)) {
                return model.open(options);
            }
        }
    }
}
