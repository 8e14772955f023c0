package dev.nabla.distributed;

import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;
import dev.nabla.autograd.GradientListener;
import dev.nabla.nn.Module;
import dev.nabla.nn.Parameter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps one replica of a module per rank in step, as PyTorch's {@code DistributedDataParallel} does.
 * <ul>
 * <li>On construction every rank checks that all ranks hold the same parameter and buffer names,
 * shapes and dtypes (a clear error on every rank otherwise), then takes rank 0's values.</li>
 * <li>After every {@code backward()} that reached the module's parameters, their gradients are
 * replaced by the mean over the ranks, in buckets of at most {@code bucketBytes}, before control
 * returns to the caller, so gradient clipping, optimizers, schedules and checkpoints work unchanged
 * (each rank should compute its loss as the mean over its share of the global batch).</li>
 * <li>Buffers (batch-norm running statistics) follow rank 0, PyTorch's {@code broadcast_buffers=True}:
 * {@link #forward} broadcasts them from rank 0 before running the module while grad mode is on; code
 * that calls the module directly calls {@link #broadcastBuffers()} once per step instead. Each rank
 * normalises with its own batch's statistics (no synchronised batch norm).</li>
 * </ul>
 * Only rank 0 should write checkpoints and metrics; every rank holds the same weights.
 */
public final class DistributedDataParallel implements GradientListener, AutoCloseable {

    /** PyTorch's default bucket size, 25 MiB. */
    public static final long DEFAULT_BUCKET_BYTES = 25L << 20;

    private final Module module;
    private final Communicator communicator;
    private final long bucketBytes;

    /** {@link #DistributedDataParallel(Module, Communicator, long)} with 25 MiB buckets. */
    public DistributedDataParallel(Module module, Communicator communicator) {
        this(module, communicator, DEFAULT_BUCKET_BYTES);
    }

    /**
     * Checks the replicas against each other, copies rank 0's parameters and buffers to every rank
     * and starts averaging gradients after each backward pass (until {@link #close()}).
     *
     * @throws IllegalArgumentException on every rank when the ranks' parameters differ in name, shape or dtype
     * @throws CommunicatorException when a peer fails
     */
    public DistributedDataParallel(Module module, Communicator communicator, long bucketBytes) {
        if (bucketBytes <= 0) {
            throw new IllegalArgumentException("DistributedDataParallel: bucketBytes must be positive, got " + bucketBytes);
        }
        this.module = module;
        this.communicator = communicator;
        this.bucketBytes = bucketBytes;
        checkSameSlots();
        broadcast(tensors(module.namedSlots().values()));
        Autograd.addGradientListener(this);
    }

    /** The wrapped module. */
    public Module module() {
        return module;
    }

    /** The group the replicas belong to. */
    public Communicator communicator() {
        return communicator;
    }

    /** Broadcasts rank 0's buffers while grad mode is on (as PyTorch does), then runs the module. */
    public Tensor forward(Tensor input) {
        if (GradMode.isEnabled()) {
            broadcastBuffers();
        }
        return module.forward(input);
    }

    /** Copies rank 0's buffers (running statistics) to every rank; nothing to do for a module without buffers. */
    public void broadcastBuffers() {
        List<Tensor> buffers = new ArrayList<>();
        module.namedSlots().values().forEach(p -> {
            if (!p.isTrainable()) {
                buffers.add(p.get());
            }
        });
        if (!buffers.isEmpty()) {
            broadcast(buffers);
        }
    }

    /** Replaces every parameter gradient by its mean over the ranks (parameters without one are skipped on every rank). */
    public void synchronizeGradients() {
        average(module.parameters().stream().map(Parameter::get).toList());
    }

    /** Averages the gradients this backward pass changed, when it reached this module. */
    @Override
    public void gradientsAccumulated(List<Tensor> leaves) {
        Set<Tensor> reached = Collections.newSetFromMap(new IdentityHashMap<>());
        reached.addAll(leaves);
        List<Tensor> mine = new ArrayList<>();
        for (Parameter p : module.parameters()) {
            if (reached.contains(p.get())) {
                mine.add(p.get());
            }
        }
        if (!mine.isEmpty()) {
            average(mine);
        }
    }

    /** Stops averaging gradients; the communicator stays open. */
    @Override
    public void close() {
        Autograd.removeGradientListener(this);
    }

    private void average(List<Tensor> params) {
        List<Tensor> grads = new ArrayList<>();
        for (Tensor p : params) {
            if (p.grad() != null) {
                grads.add(p.grad());
            }
        }
        try (GradMode ignored = Autograd.noGradScope()) {
            Buckets.apply(grads, bucketBytes, g -> communicator.allReduce(g, ReduceOp.MEAN));
        }
    }

    private void broadcast(List<Tensor> tensors) {
        try (GradMode ignored = Autograd.noGradScope()) {
            Buckets.apply(tensors, bucketBytes, t -> communicator.broadcast(t, 0));
        }
    }

    private static List<Tensor> tensors(java.util.Collection<Parameter> slots) {
        return slots.stream().map(Parameter::get).toList();
    }

    /** Compares every rank's slot names, kinds, shapes and dtypes with rank 0's, failing on every rank alike. */
    private void checkSameSlots() {
        List<String> mine = describeSlots(module.namedSlots());
        byte[][] all = communicator.allGather(String.join("\n", mine).getBytes(StandardCharsets.UTF_8));
        List<String> first = lines(all[0]);
        for (int r = 1; r < all.length; r++) {
            List<String> theirs = lines(all[r]);
            if (!theirs.equals(first)) {
                throw new IllegalArgumentException("DistributedDataParallel: the ranks' parameters differ: " + firstDifference(
                        first, theirs, r));
            }
        }
    }

    private static List<String> describeSlots(Map<String, Parameter> slots) {
        List<String> out = new ArrayList<>();
        slots.forEach((name, p) -> out.add(name + " " + (p.isTrainable() ? "parameter" : "buffer") + " "
                + p.get().shape() + " " + p.get().dtype().name().toLowerCase(java.util.Locale.ROOT)));
        return out;
    }

    private static List<String> lines(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    private static String firstDifference(List<String> first, List<String> theirs, int rank) {
        for (int i = 0; i < Math.min(first.size(), theirs.size()); i++) {
            if (!first.get(i).equals(theirs.get(i))) {
                return "rank 0 has " + first.get(i) + " where rank " + rank + " has " + theirs.get(i);
            }
        }
        return "rank 0 has " + first.size() + " parameters and buffers, rank " + rank + " has " + theirs.size();
    }
}
