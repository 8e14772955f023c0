package dev.nabla.spark;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.distributed.DistributedDataParallel;
import dev.nabla.io.TrainingCheckpoint;
import dev.nabla.nn.Activation;
import dev.nabla.nn.Functional;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.Adam;
import java.util.List;
import java.util.Map;

/**
 * The training the Spark tests run: a small MLP, Adam, each step on the next {@code batch} rows of
 * this worker's partition, a checkpoint from rank 0 every {@code every} steps, and optionally a failure
 * (an exception, or the executor's JVM halting) at one step of the first attempt.
 */
final class MlpTraining implements WorkerTraining<Example> {

    private static final long serialVersionUID = 1L;

    /** How the first attempt fails, if at all. */
    enum Fault { NONE, THROW, HALT }

    private final int steps;
    private final int batch;
    private final int every;
    private final Fault fault;
    private final int failAt;

    MlpTraining(int steps, int batch, int every, Fault fault, int failAt) {
        this.steps = steps;
        this.batch = batch;
        this.every = every;
        this.fault = fault;
        this.failAt = failAt;
    }

    /** The network, the same on every rank and in the reference (built under a lock: workers may share a JVM). */
    static Sequential network() {
        synchronized (MlpTraining.class) {
            Generator.manualSeed(11);
            Sequential m = new Sequential(new Linear(6, 16), Activation.tanh(), new Linear(16, 3));
            m.to(Device.CPU);
            return m;
        }
    }

    /** Rows {@code [from, from + count)} of {@code rows} as inputs and labels. */
    static Tensor[] tensors(List<Example> rows, int from, int count) {
        float[] x = new float[count * 6];
        long[] y = new long[count];
        for (int i = 0; i < count; i++) {
            System.arraycopy(rows.get(from + i).x(), 0, x, i * 6, 6);
            y[i] = rows.get(from + i).y();
        }
        return new Tensor[] {Tensor.of(x, count, 6).to(Device.CPU), Tensor.of(y, count).to(Device.CPU)};
    }

    /** One step on inputs and labels. */
    static void step(Adam opt, Sequential model, Tensor[] xy) {
        opt.zeroGrad();
        Functional.crossEntropy(model.forward(xy[0]), xy[1]).backward();
        opt.step();
    }

    @Override
    public WorkerResult train(WorkerContext context, List<Example> partition) throws Exception {
        Sequential model = network();
        Adam opt = new Adam(model.parameters(), Adam.options(0.02));
        int first = 0;
        if (context.checkpoint().isPresent()) {
            TrainingCheckpoint c = TrainingCheckpoint.load(context.checkpoint().get());
            c.restore(model, opt, null);
            first = (int) c.step();
        }
        try (DistributedDataParallel ddp = new DistributedDataParallel(model, context.communicator())) {
            for (int s = first; s < steps; s++) {
                if (context.attempt() == 0 && s == failAt && context.rank() == 1) {
                    if (fault == Fault.THROW) {
                        throw new IllegalStateException("injected failure at step " + s);
                    } else if (fault == Fault.HALT) {
                        Runtime.getRuntime().halt(3);
                    }
                }
                step(opt, model, tensors(partition, (s * batch) % partition.size(), batch));
                if (context.writes() && (s + 1) % every == 0 && context.checkpointFile().isPresent()) {
                    TrainingCheckpoint.capture(model, opt, null, null, s + 1, 0, Map.of())
                            .save(context.checkpointFile().get());
                }
            }
        }
        return new WorkerResult(model.stateDict(), Map.of("steps", (double) (steps - first)));
    }

    /** The data: {@code n} rows of three Gaussian classes, the same on every call. */
    static List<Example> data(int n) {
        Generator g = new Generator(5);
        float[] noise = Tensor.normal(g, 0, 1, DType.FLOAT32, Device.CPU, n, 6).toFloatArray();
        java.util.ArrayList<Example> rows = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] x = new float[6];
            for (int j = 0; j < 6; j++) {
                x[j] = noise[i * 6 + j] + (j % 3 == i % 3 ? 2 : 0);
            }
            rows.add(new Example(x, i % 3));
        }
        return rows;
    }

    /** One process on the global batches: rank 0's rows then rank 1's at each step, as two workers see them. */
    static Map<String, Tensor> reference(List<Example> rows, int steps, int batch) {
        Sequential model = network();
        Adam opt = new Adam(model.parameters(), Adam.options(0.02));
        int half = rows.size() / 2;
        for (int s = 0; s < steps; s++) {
            int at = (s * batch) % half;
            Tensor[] a = tensors(rows, at, batch);
            Tensor[] b = tensors(rows, half + at, batch);
            step(opt, model, new Tensor[] {Tensor.cat(0, a[0], b[0]), Tensor.cat(0, a[1], b[1])});
        }
        return model.stateDict();
    }
}
