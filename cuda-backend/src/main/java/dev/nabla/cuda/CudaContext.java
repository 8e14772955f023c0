package dev.nabla.cuda;

import static dev.nabla.cuda.DriverCalls.check;

import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUstream_flags;
import jcuda.driver.JCudaDriver;

/**
 * One device's primary context and the single stream all of Nabla's work on that device goes to.
 * The primary context is shared with any other CUDA user in the process (as the runtime API does).
 * The stream is a blocking one, so synchronous copies on the legacy default stream stay ordered
 * after kernels queued on it.
 */
final class CudaContext implements AutoCloseable {

    private final CUdevice device;
    private final CUcontext context = new CUcontext();
    private final DevicePointers.Stream stream = new DevicePointers.Stream();
    private boolean closed;

    private CudaContext(int ordinal) {
        check("cuInit", JCudaDriver.cuInit(0));
        device = JCudaDriverInfo.handle(ordinal);
        check("cuDevicePrimaryCtxRetain", JCudaDriver.cuDevicePrimaryCtxRetain(context, device));
        makeCurrent();
        check("cuStreamCreate", JCudaDriver.cuStreamCreate(stream, CUstream_flags.CU_STREAM_DEFAULT));
    }

    /** Retains device {@code ordinal}'s primary context, makes it current and creates the stream. */
    static CudaContext open(int ordinal) {
        return new CudaContext(ordinal);
    }

    /** Makes the context current on the calling thread (contexts are per-thread state in the driver). */
    void makeCurrent() {
        check("cuCtxSetCurrent", JCudaDriver.cuCtxSetCurrent(context));
    }

    /** The device's stream. */
    DevicePointers.Stream stream() {
        return stream;
    }

    /** Waits for all work queued on the stream. */
    void synchronize() {
        check("cuStreamSynchronize", JCudaDriver.cuStreamSynchronize(stream));
    }

    /** Destroys the stream and releases the primary context. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        makeCurrent();
        check("cuStreamDestroy", JCudaDriver.cuStreamDestroy(stream));
        check("cuDevicePrimaryCtxRelease", JCudaDriver.cuDevicePrimaryCtxRelease(device));
    }
}
