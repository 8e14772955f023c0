package dev.nabla.models.bench;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.distributed.Communicator;
import dev.nabla.distributed.DistributedDataParallel;
import dev.nabla.distributed.ReduceOp;
import dev.nabla.distributed.TcpCommunicator;
import dev.nabla.models.nets.LeNet5;
import dev.nabla.nn.Functional;
import dev.nabla.optim.Adam;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The data-parallel cases of the suite, all over the TCP ring on loopback with the ranks as threads
 * of this JVM: the all-reduce of 1, 16 and 64 MiB of float32 (bytes counted once: the algorithm
 * bandwidth, size / time) beside a single-threaded copy of the same size (bytes read plus written),
 * the all-reduce of LeNet's gradients (one 25 MiB bucket holds them all), and one LeNet training step
 * on a global batch of 64 with 1 or 2 workers, each on its share with its share of the cores, gradients
 * averaged by {@link DistributedDataParallel}.
 */
final class DistributedCases {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final int GLOBAL_BATCH = 64;

    private DistributedCases() {
    }

    /** One repetition runs {@code rank} 0 on the calling thread and the others on helper threads, and waits for all. */
    private interface RankBody {
        void run(int rank) throws Exception;
    }

    private static Runnable everyRank(int ranks, RankBody body) {
        ExecutorService helpers = Executors.newFixedThreadPool(Math.max(1, ranks - 1), r -> {
            Thread t = new Thread(r, "bench-rank");
            t.setDaemon(true);
            return t;
        });
        return () -> {
            try {
                List<Future<?>> others = new ArrayList<>();
                for (int r = 1; r < ranks; r++) {
                    int rank = r;
                    others.add(helpers.submit(() -> {
                        body.run(rank);
                        return null;
                    }));
                }
                body.run(0);
                for (Future<?> f : others) {
                    f.get();
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException("bench: a rank failed: " + e.getCause(), e.getCause());
            } catch (Exception e) {
                throw new IllegalStateException("bench: " + e, e);
            }
        };
    }

    static BenchCase copy(String name, int megabytes) {
        float[] from = new float[(megabytes << 20) / Float.BYTES];
        float[] to = new float[from.length];
        return new BenchCase(name, megabytes + " MiB float32 System.arraycopy, one thread", 1, 0, 2.0 * (megabytes << 20),
                () -> System.arraycopy(from, 0, to, 0, from.length));
    }

    static BenchCase allReduce(String name, int megabytes) {
        List<Communicator> ring = TcpCommunicator.loopbackGroup(2, TIMEOUT);
        float[][] data = new float[2][(megabytes << 20) / Float.BYTES];
        return new BenchCase(name, "2 ranks, TCP ring on loopback, " + megabytes + " MiB float32 sum", 2, 0, megabytes << 20,
                everyRank(2, rank -> ring.get(rank).allReduce(data[rank], ReduceOp.SUM)));
    }

    static BenchCase lenetGradients(String name) {
        int count = (int) new LeNet5(28, 10).parameterCount();
        List<Communicator> ring = TcpCommunicator.loopbackGroup(2, TIMEOUT);
        float[][] data = new float[2][count];
        return new BenchCase(name, "2 ranks, TCP ring on loopback, " + count + " float32 (LeNet-5's gradients), mean", 2, 0,
                (double) count * Float.BYTES, everyRank(2, rank -> ring.get(rank).allReduce(data[rank], ReduceOp.MEAN)));
    }

    static BenchCase lenetDataParallel(String name, Device device, int workers) {
        List<Communicator> ring = TcpCommunicator.loopbackGroup(workers, TIMEOUT);
        int share = GLOBAL_BATCH / workers;
        LeNet5[] nets = new LeNet5[workers];
        Runnable[] steps = new Runnable[workers];
        for (int r = 0; r < workers; r++) {
            LeNet5 net = new LeNet5(28, 10);
            net.to(device);
            nets[r] = net;
            Adam opt = new Adam(net.parameters(), Adam.options(1e-3));
            Tensor x = Tensor.normal(new Generator(r), 0, 1, DType.FLOAT32, device, share, 1, 28, 28);
            Tensor y = Tensor.randint(new Generator(10 + r), 0, 10, device, share);
            steps[r] = () -> {
                opt.zeroGrad();
                Functional.crossEntropy(net.forward(x), y).backward();
                opt.step();
            };
        }
        replicate(nets, ring);
        // the cores are shared out: one worker computes on all of them, two workers on half each
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / workers);
        return new BenchCase(name, "LeNet-5 zoo net, global batch " + GLOBAL_BATCH + " over " + workers
                + " worker thread(s) of " + threads + " compute thread(s) each, TCP ring, adam", threads, 0,
                everyRank(workers, rank -> steps[rank].run()));
    }

    /**
     * The gradient averaging alone, as {@link DistributedDataParallel} does it after each backward pass
     * of {@link #lenetDataParallel} with 2 workers (buckets, host staging, the ring): its share of that step.
     */
    static BenchCase lenetSynchronization(String name, Device device) {
        List<Communicator> ring = TcpCommunicator.loopbackGroup(2, TIMEOUT);
        LeNet5[] nets = new LeNet5[2];
        for (int r = 0; r < 2; r++) {
            nets[r] = new LeNet5(28, 10);
            nets[r].to(device);
        }
        DistributedDataParallel[] replicas = replicate(nets, ring);
        // one backward pass on each rank at once (each averages as it ends), so every gradient exists
        everyRank(2, rank -> Functional.crossEntropy(
                nets[rank].forward(Tensor.normal(new Generator(rank), 0, 1, DType.FLOAT32, device, GLOBAL_BATCH / 2, 1, 28, 28)),
                Tensor.randint(new Generator(10 + rank), 0, 10, device, GLOBAL_BATCH / 2)).backward()).run();
        return new BenchCase(name, "LeNet-5's gradients averaged by DistributedDataParallel, 2 workers, TCP ring", 1, 0,
                everyRank(2, rank -> replicas[rank].synchronizeGradients()));
    }

    /** Every rank joins the start-up check and broadcast together; the replicas then average after each backward. */
    private static DistributedDataParallel[] replicate(LeNet5[] nets, List<Communicator> ring) {
        DistributedDataParallel[] replicas = new DistributedDataParallel[nets.length];
        everyRank(nets.length, rank -> replicas[rank] = new DistributedDataParallel(nets[rank], ring.get(rank))).run();
        return replicas;
    }
}
