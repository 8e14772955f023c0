package dev.nabla.cuda;

import static dev.nabla.cuda.CudaLibraries.CUDNN_9;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.backend.fast.RecurrenceProblem;
import dev.nabla.backend.fast.RecurrentCell;
import org.junit.jupiter.api.Test;

/** Which recurrence problems the cuDNN path takes, decided without a GPU. */
class CudnnRecurrenceTest {

    private static final CudaLibraries.Choice WITH_RNN = rnn(new FakeInstallation().with(CUDNN_9));

    /** The RNN decision with the switch on at probe time, as {@code -Dnabla.cuda.cudnnRnn=true} gives it. */
    private static CudaLibraries.Choice rnn(FakeInstallation installation) {
        return SystemPropertyScope.with(CudnnRecurrence.PROPERTY, "true",
                () -> CudaLibraries.decide(installation, () -> { }).rnn());
    }

    /** {@link CudnnRecurrence#supports} with the switch at {@code value} (null: unset). */
    private static boolean supportsWithSwitch(String value, CudaLibraries.Choice rnn, DType dtype) {
        return SystemPropertyScope.with(CudnnRecurrence.PROPERTY, value, () -> CudnnRecurrence.supports(rnn, dtype));
    }

    @Test
    void floatingProblemsRunOnCudnnWhenItsRnnApiIsThereAndTheSwitchIsOn() {
        assertTrue(supportsWithSwitch("true", WITH_RNN, DType.FLOAT32));
        assertTrue(supportsWithSwitch("true", WITH_RNN, DType.FLOAT64));
        assertFalse(supportsWithSwitch("true", WITH_RNN, DType.INT64));
    }

    @Test
    void withoutTheRnnApiCoreRunsItsOwnRecurrence() {
        assertFalse(supportsWithSwitch("true", rnn(new FakeInstallation()), DType.FLOAT32), "no cuDNN");
        assertFalse(supportsWithSwitch("true", rnn(new FakeInstallation().withLacking(CUDNN_9, "cudnnRNNForward")),
                DType.FLOAT32), "a cuDNN without cudnnRNNForward");
    }

    @Test
    void thePathIsOffUnlessThePropertySaysTrue() {
        assertFalse(supportsWithSwitch(null, WITH_RNN, DType.FLOAT32), "off by default");
        assertFalse(supportsWithSwitch("false", WITH_RNN, DType.FLOAT32));
        assertTrue(supportsWithSwitch("true", WITH_RNN, DType.FLOAT32));
    }

    @Test
    void aSavedStateNoBackwardUsesGivesItsBlocksBack() {
        FakeDeviceMemory memory = new FakeDeviceMemory(3 * 512);
        CachingAllocator allocator = new CachingAllocator(memory, "cuda:0", System::gc, 5_000);
        saveAndDrop(allocator);
        DeviceBlock next = allocator.allocate(3 * 512); // needs all three of the dropped state's blocks
        assertEquals(3 * 512, next.bucketBytes());
        assertEquals(3 * 512, allocator.stats().allocatedBytes());
    }

    private static void saveAndDrop(CachingAllocator allocator) {
        CudnnRecurrence.Saved.tracked(allocator, allocator.allocate(512), allocator.allocate(100),
                allocator.allocate(12));
    }

    @Test
    void backwardRefusesAStateThatNoTrainingForwardReturned() {
        RecurrenceProblem p = new RecurrenceProblem(RecurrentCell.GRU, DType.FLOAT32, 2, 1, 1, 1, 1, true, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CudnnRecurrence.Saved.of(null, p));
        assertEquals("cuDNN RNN backward for " + p + ": expected the state a training forward returned, got null",
                e.getMessage());
    }
}
