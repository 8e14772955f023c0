package dev.nabla.spark;

import dev.nabla.Device;
import dev.nabla.distributed.TcpCommunicator;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.resource.ResourceInformation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;

/**
 * The body of one barrier task: meet the other tasks once through Spark's {@code allGather} (each
 * publishes the {@code host:port} of its ring listener), join the TCP ring, run the worker's training,
 * and return rank 0's result. Spark's barrier costs up to a second per call, so it is used once; every
 * training step then talks over the ring.
 *
 * @param <T> the type of the examples
 */
final class BarrierTraining<T> extends AbstractFunction1<Iterator<T>, Iterator<BarrierTraining.Output>>
        implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(BarrierTraining.class);
    /** The Spark resource name of GPUs. */
    static final String GPU = "gpu";

    private final WorkerTraining<T> training;
    private final String checkpointDir;
    private final boolean resume;
    private final String device;
    private final long timeoutMillis;

    BarrierTraining(WorkerTraining<T> training, Path checkpointDir, boolean resume, String device, Duration timeout) {
        this.training = training;
        this.checkpointDir = checkpointDir == null ? null : checkpointDir.toString();
        this.resume = resume;
        this.device = device;
        this.timeoutMillis = timeout.toMillis();
    }

    /** Rank 0's result on its way to the driver. */
    record Output(Map<String, TensorBlob> state, Map<String, Double> metrics, int attempt) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Override
    public Iterator<Output> apply(Iterator<T> partition) {
        BarrierTaskContext task = BarrierTaskContext.get();
        int rank = task.partitionId();
        int attempt = task.stageAttemptNumber();
        if (attempt > 0) {
            if (checkpointDir == null) {
                throw new IllegalStateException("SparkTrainer: the training stage failed and Spark retries it (attempt "
                        + attempt + "), but no checkpoint folder was set, so it would restart from scratch; "
                        + "set one with SparkTrainer.withCheckpoints");
            }
            LOG.warn("training stage attempt {} (rank {}): an earlier attempt failed; resuming from {}", attempt, rank,
                    java.nio.file.Files.isRegularFile(Path.of(checkpointDir, WorkerContext.CHECKPOINT))
                            ? Path.of(checkpointDir, WorkerContext.CHECKPOINT) : "step 0: no checkpoint was written before the failure");
        }
        List<T> examples = new ArrayList<>();
        CollectionConverters.asJava(partition).forEachRemaining(examples::add);
        try (TcpCommunicator ring = join(task, rank)) {
            WorkerContext context = new WorkerContext(ring, device(task), attempt,
                    checkpointDir == null ? null : Path.of(checkpointDir), resume);
            WorkerResult result = training.train(context, examples);
            List<Output> out = rank == 0
                    ? List.of(new Output(TensorBlob.of(result.state()), new java.util.LinkedHashMap<>(result.metrics()), attempt))
                    : List.of();
            return CollectionConverters.asScala(out.iterator());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("SparkTrainer: rank " + rank + " failed: " + e.getMessage(), e);
        }
    }

    /** One rendezvous through Spark, then the ring. */
    private TcpCommunicator join(BarrierTaskContext task, int rank) throws java.io.IOException {
        String address = task.getTaskInfos()[rank].address();
        String host = address.contains(":") ? address.substring(0, address.lastIndexOf(':')) : address;
        ServerSocketChannel listener = TcpCommunicator.listen(InetAddress.getByName(host));
        int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
        String[] all = task.allGather(host + ":" + port);
        List<InetSocketAddress> members = new ArrayList<>();
        for (String member : all) {
            int colon = member.lastIndexOf(':');
            members.add(new InetSocketAddress(member.substring(0, colon), Integer.parseInt(member.substring(colon + 1))));
        }
        return TcpCommunicator.connect(rank, members, listener, Duration.ofMillis(timeoutMillis));
    }

    /** The GPU Spark assigned to this task, else the trainer's device. */
    private Device device(BarrierTaskContext task) {
        ResourceInformation gpus = task.resourcesJMap().get(GPU);
        if (gpus != null && gpus.addresses().length > 0) {
            return Device.cuda(Integer.parseInt(gpus.addresses()[0].trim()));
        }
        return Device.parse(device);
    }
}
