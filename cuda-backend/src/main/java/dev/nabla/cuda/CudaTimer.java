package dev.nabla.cuda;

import static dev.nabla.cuda.DriverCalls.check;

import jcuda.driver.CUevent;
import jcuda.driver.CUevent_flags;
import jcuda.driver.CUstream;
import jcuda.driver.JCudaDriver;

/**
 * Times work on a stream with a pair of CUDA events, measuring device time rather than the host's
 * view of asynchronous launches. Use: {@code start()}, queue work, {@code stopMillis()}.
 */
public final class CudaTimer implements AutoCloseable {

    private final CUstream stream;
    private final CUevent start = new CUevent();
    private final CUevent stop = new CUevent();

    /** Creates the two events (the stream's context must be current). */
    CudaTimer(CUstream stream) {
        this.stream = stream;
        check("cuEventCreate", JCudaDriver.cuEventCreate(start, CUevent_flags.CU_EVENT_DEFAULT));
        check("cuEventCreate", JCudaDriver.cuEventCreate(stop, CUevent_flags.CU_EVENT_DEFAULT));
    }

    /** Marks the start on the stream. */
    public void start() {
        check("cuEventRecord", JCudaDriver.cuEventRecord(start, stream));
    }

    /** Marks the end, waits for it, and returns the device time since {@link #start()} in milliseconds. */
    public float stopMillis() {
        check("cuEventRecord", JCudaDriver.cuEventRecord(stop, stream));
        check("cuEventSynchronize", JCudaDriver.cuEventSynchronize(stop));
        float[] millis = new float[1];
        check("cuEventElapsedTime", JCudaDriver.cuEventElapsedTime(millis, start, stop));
        return millis[0];
    }

    /** Destroys the events. */
    @Override
    public void close() {
        check("cuEventDestroy", JCudaDriver.cuEventDestroy(start));
        check("cuEventDestroy", JCudaDriver.cuEventDestroy(stop));
    }
}
