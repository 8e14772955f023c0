package dev.nabla.cuda;

import dev.nabla.Device;
import dev.nabla.backend.Backend;
import dev.nabla.backend.Backends;
import dev.nabla.backend.Storage;
import dev.nabla.backend.Strided;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a primitive that has no PTX kernel (loops of rank above 8, mixed dtypes) on the CPU backend:
 * every storage an operand touches is downloaded whole, the CPU primitive runs on views with the
 * same shape, strides and offset, and the written storages are uploaded back whole. Correct for any
 * strides and aliasing, but it costs two full transfers per storage, so each (primitive, reason)
 * is logged once at INFO to make the slow path visible.
 */
final class HostFallback {

    /** Whole-storage transfers between a CUDA storage and a host array. */
    interface StorageTransfer {
        /** The storage's contents as a new host array. */
        Object downloadAll(CudaStorage storage);

        /** Overwrites the storage with a host array of its size. */
        void uploadAll(Object array, CudaStorage storage);
    }

    private static final Logger LOG = LoggerFactory.getLogger(HostFallback.class);

    private final StorageTransfer transfer;
    private final Set<String> logged = ConcurrentHashMap.newKeySet();
    private volatile Backend cpu;

    HostFallback(StorageTransfer transfer) {
        this.transfer = transfer;
    }

    /**
     * Runs {@code op} on host copies: it receives the inputs' then the outputs' CPU views, in order.
     * Outputs are read too (they may be accumulated into, or share storage with an input).
     */
    void run(String primitive, String reason, Strided[] inputs, Strided[] outputs, Consumer<Strided[]> op) {
        note(primitive, reason);
        Map<Storage, Storage> hostOf = new IdentityHashMap<>();
        Strided[] mapped = new Strided[inputs.length + outputs.length];
        for (int i = 0; i < mapped.length; i++) {
            Strided view = i < inputs.length ? inputs[i] : outputs[i - inputs.length];
            mapped[i] = view == null ? null : new Strided(hostOf.computeIfAbsent(view.storage(), this::toHost),
                    view.shape(), view.strides(), view.offset());
        }
        op.accept(mapped);
        Set<Storage> written = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Strided out : outputs) {
            if (written.add(out.storage())) {
                Storage host = hostOf.get(out.storage());
                Object array = cpu().download(Strided.contiguous(host, new int[] {host.size()}));
                transfer.uploadAll(array, (CudaStorage) out.storage());
            }
        }
    }

    /** The CPU backend, which computes every fallback. */
    Backend cpu() {
        Backend b = cpu;
        if (b == null) {
            b = Backends.get(Device.CPU);
            cpu = b;
        }
        return b;
    }

    private Storage toHost(Storage storage) {
        return cpu().upload(transfer.downloadAll((CudaStorage) storage));
    }

    private void note(String primitive, String reason) {
        if (logged.add(primitive + ": " + reason)) {
            LOG.info("CUDA {} runs on the host (whole-storage round trip): {}", primitive, reason);
        }
    }
}
