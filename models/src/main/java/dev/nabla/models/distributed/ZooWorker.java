package dev.nabla.models.distributed;

import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.distributed.Communicator;
import dev.nabla.distributed.DistributedDataParallel;
import dev.nabla.models.train.DataShard;
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
     * @param log where rank 0's epoch lines go
     */
    public static Run train(ZooModel model, TrainOptions options, Communicator communicator, Path out, boolean resume,
            PrintStream log) {
        Session session = open(model, options, communicator.rank(), communicator.size());
        boolean writer = communicator.rank() == 0;
        try (DistributedDataParallel ddp = new DistributedDataParallel(session.model(), communicator)) {
            TrainingLoop loop = new TrainingLoop(model.name(), options.epochs(), out, resume, new StopSignal(),
                    writer ? log : new PrintStream(OutputStream.nullOutputStream()), writer ? null : line -> { }, writer);
            TrainOutcome outcome = loop.run(new DataParallelSession(session, ddp, communicator));
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
