package dev.nabla.cuda;

import dev.nabla.backend.fast.RecurrenceGradients;
import dev.nabla.backend.fast.RecurrenceKernel;
import dev.nabla.backend.fast.RecurrenceOperands;
import dev.nabla.backend.fast.RecurrenceProblem;

/**
 * Whole recurrent layers on a {@link CudaBackend} through cuDNN's v8 RNN API ({@link CudnnRecurrence}), on the
 * backend's one cuDNN handle; where it declines, core runs the layer cell by cell.
 */
final class CudaRecurrences implements RecurrenceKernel {

    private final CudaBackend cuda;
    private CudnnRecurrence recurrence;

    CudaRecurrences(CudaBackend cuda) {
        this.cuda = cuda;
    }

    /** cuDNN's RNN API serves FLOAT32/FLOAT64 layers unless switched off ({@link CudnnRecurrence#PROPERTY}). */
    @Override
    public boolean supportsRecurrence(RecurrenceProblem problem) {
        return CudnnRecurrence.supports(cuda.libraries().rnn(), problem.dtype());
    }

    /** Holds the backend's lock itself (not through {@link CudaBackend#locked}) because it returns the saved state. */
    @Override
    public Object recurrenceForward(RecurrenceProblem problem, RecurrenceOperands operands, boolean training) {
        synchronized (cuda) {
            cuda.makeCurrent();
            return recurrence().forward(problem, operands, training);
        }
    }

    @Override
    public void recurrenceBackward(RecurrenceProblem problem, Object saved, RecurrenceOperands operands,
            RecurrenceGradients gradients) {
        cuda.locked(() -> recurrence().backward(problem, saved, operands, gradients));
    }

    private CudnnRecurrence recurrence() {
        if (recurrence == null) {
            CudnnHandle handle = cuda.cudnn().orElseThrow(() -> new IllegalStateException("cuDNN RNN on "
                    + cuda.device() + ": no cuDNN (" + cuda.libraries().rnn().describe() + ")"));
            recurrence = new CudnnRecurrence(handle, cuda.allocator(), cuda.stream(), cuda::address);
        }
        return recurrence;
    }
}
