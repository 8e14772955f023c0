package dev.nabla.cuda;

import static dev.nabla.cuda.DriverCalls.check;

import java.nio.ByteBuffer;
import java.util.List;
import jcuda.Pointer;
import jcuda.driver.CUevent;
import jcuda.driver.CUevent_flags;
import jcuda.driver.JCudaDriver;

/**
 * Large host-device transfers through one pinned (page-locked) buffer of two halves, following a
 * {@link StagingPlan}: while the DMA engine copies one half, the host fills or drains the other.
 * Transfers below the plan's threshold copy straight from the Java array. Not thread-safe: the
 * backend serialises calls.
 */
final class PinnedStaging implements AutoCloseable {

    private final StagingPlan plan;
    private final CudaContext context;
    private final CUevent[] halfFree = {new CUevent(), new CUevent()};
    private Pointer pinned;
    private ByteBuffer buffer;

    PinnedStaging(StagingPlan plan, CudaContext context) {
        this.plan = plan;
        this.context = context;
    }

    /** Copies all of {@code array} to device address {@code dst}. */
    void upload(Object array, long dst) {
        int elementBytes = HostArrays.dtypeOf(array).byteSize();
        long bytes = (long) HostArrays.length(array) * elementBytes;
        if (!plan.staged(bytes)) {
            check("cuMemcpyHtoD", JCudaDriver.cuMemcpyHtoD(DevicePointers.at(dst), HostArrays.pointerTo(array), bytes));
            return;
        }
        ensureBuffer();
        boolean[] used = new boolean[2];
        for (StagingPlan.Chunk chunk : plan.chunks(bytes, elementBytes)) {
            int slot = chunk.slot();
            if (used[slot]) {
                check("cuEventSynchronize", JCudaDriver.cuEventSynchronize(halfFree[slot]));
            }
            HostArrays.put(half(slot, chunk.length()), array, (int) (chunk.offset() / elementBytes),
                    (int) (chunk.length() / elementBytes));
            check("cuMemcpyHtoDAsync", JCudaDriver.cuMemcpyHtoDAsync(DevicePointers.at(dst + chunk.offset()),
                    pinned.withByteOffset(slot * plan.chunkBytes()), chunk.length(), context.stream()));
            check("cuEventRecord", JCudaDriver.cuEventRecord(halfFree[slot], context.stream()));
            used[slot] = true;
        }
        context.synchronize();
    }

    /** Fills all of {@code array} from device address {@code src}. */
    void download(long src, Object array) {
        int elementBytes = HostArrays.dtypeOf(array).byteSize();
        long bytes = (long) HostArrays.length(array) * elementBytes;
        if (!plan.staged(bytes)) {
            check("cuMemcpyDtoH", JCudaDriver.cuMemcpyDtoH(HostArrays.pointerTo(array), DevicePointers.at(src), bytes));
            return;
        }
        ensureBuffer();
        // Stream order puts these copies after the queued kernels that write src.
        List<StagingPlan.Chunk> chunks = plan.chunks(bytes, elementBytes);
        enqueueDownload(src, chunks.get(0));
        for (int i = 0; i < chunks.size(); i++) {
            if (i + 1 < chunks.size()) {
                enqueueDownload(src, chunks.get(i + 1));
            }
            StagingPlan.Chunk chunk = chunks.get(i);
            check("cuEventSynchronize", JCudaDriver.cuEventSynchronize(halfFree[chunk.slot()]));
            HostArrays.get(half(chunk.slot(), chunk.length()), array, (int) (chunk.offset() / elementBytes),
                    (int) (chunk.length() / elementBytes));
        }
    }

    private void enqueueDownload(long src, StagingPlan.Chunk chunk) {
        check("cuMemcpyDtoHAsync", JCudaDriver.cuMemcpyDtoHAsync(pinned.withByteOffset(chunk.slot() * plan.chunkBytes()),
                DevicePointers.at(src + chunk.offset()), chunk.length(), context.stream()));
        check("cuEventRecord", JCudaDriver.cuEventRecord(halfFree[chunk.slot()], context.stream()));
    }

    private ByteBuffer half(int slot, long length) {
        return buffer.slice((int) (slot * plan.chunkBytes()), (int) length);
    }

    private void ensureBuffer() {
        if (pinned != null) {
            return;
        }
        long size = 2 * plan.chunkBytes();
        Pointer p = new Pointer();
        check("cuMemAllocHost", JCudaDriver.cuMemAllocHost(p, size));
        for (CUevent event : halfFree) {
            check("cuEventCreate", JCudaDriver.cuEventCreate(event, CUevent_flags.CU_EVENT_DISABLE_TIMING));
        }
        pinned = p;
        buffer = p.getByteBuffer(0, size);
    }

    /** Frees the pinned buffer and its events. */
    @Override
    public void close() {
        if (pinned == null) {
            return;
        }
        for (CUevent event : halfFree) {
            check("cuEventDestroy", JCudaDriver.cuEventDestroy(event));
        }
        check("cuMemFreeHost", JCudaDriver.cuMemFreeHost(pinned));
        pinned = null;
        buffer = null;
    }
}
