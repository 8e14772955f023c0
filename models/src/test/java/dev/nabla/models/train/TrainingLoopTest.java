package dev.nabla.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.Device;
import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.io.SafeTensors;
import dev.nabla.io.TrainingCheckpoint;
import dev.nabla.models.console.StatusLine;
import dev.nabla.models.zoo.TrainOptions;
import dev.nabla.models.zoo.Zoo;
import dev.nabla.models.zoo.ZooModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs that die and resume end exactly where an uninterrupted run ends: same weights bit for bit,
 * same {@code metrics.csv} rows (none repeated or dropped, each epoch's train_loss over all its
 * steps), whatever the file held when the process died.
 */
class TrainingLoopTest {

    private static final ZooModel SPIRAL = Zoo.get("mlp-spiral");
    private static final int EPOCHS = 2;
    private static final int CRASH_EPOCH = 2;
    private static final int CRASH_STEP = 10;

    @TempDir
    Path dir;

    /** The process dies (an exception out of the loop) when this step is about to run. */
    private static final class CrashAt extends ForwardingSession {

        CrashAt(Session inner) {
            super(inner);
        }

        @Override
        public double trainStep(int epoch, int step) {
            if (epoch == CRASH_EPOCH && step == CRASH_STEP) {
                throw new IllegalStateException("killed");
            }
            return inner.trainStep(epoch, step);
        }
    }

    private static TrainOptions options() {
        return new TrainOptions(EPOCHS, 0, 0, Device.CPU, 42, null, null).resolve(SPIRAL.defaults());
    }

    private static Session open() {
        Generator.manualSeed(7);
        return SPIRAL.open(options());
    }

    private static TrainOutcome run(Session session, Path out, CheckpointCadence cadence, RunState from) {
        PrintStream log = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return new TrainingLoop(new TrainingLoop.Run(SPIRAL.name(), EPOCHS, out, cadence, Map.of("zoo.note", "test")),
                new StopSignal(), log, StatusLine.none()).run(session, from);
    }

    /** The CSV rows without the seconds column (wall-clock time differs between runs). */
    private static List<String> rowsWithoutTime(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    }

    @Test
    void aRunKilledMidEpochAndResumedFromItsStepCheckpointEqualsAnUninterruptedOne() throws IOException {
        Path whole = Files.createDirectory(dir.resolve("whole"));
        Session reference = open();
        run(reference, whole, CheckpointCadence.EPOCHS_ONLY, RunState.START);

        Path killed = Files.createDirectory(dir.resolve("killed"));
        CheckpointCadence everySeven = new CheckpointCadence(7, null);
        assertThrows(IllegalStateException.class, () -> run(new CrashAt(open()), killed, everySeven, RunState.START));
        TrainingCheckpoint saved = Checkpoints.read(killed.resolve(TrainingLoop.CHECKPOINT), SPIRAL.name());
        RunState state = Checkpoints.runState(saved, killed.resolve(TrainingLoop.CHECKPOINT));
        // epoch 1 ended with a save; 7 steps later came the mid-epoch one; the crash at step 10 lost 3 steps
        assertEquals(CRASH_EPOCH, state.epoch());
        assertEquals(7, state.step());
        assertEquals(1, state.history().size());
        assertEquals("test", saved.metadata().get("zoo.note"));
        // what the old loop did: a row appended after the checkpoint it belongs to, then the kill
        Files.writeString(killed.resolve(TrainingLoop.METRICS), "2,0.5,0.5,0.5,9.9\n", StandardOpenOption.APPEND);

        Session resumed = SPIRAL.open(options());
        Checkpoints.restore(saved, resumed, true);
        run(resumed, killed, everySeven, state);

        Map<String, Tensor> expected = reference.model().stateDict();
        Map<String, Tensor> actual = resumed.model().stateDict();
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((k, v) -> assertArrayEquals(v.toFloatArray(), actual.get(k).toFloatArray(), k + " differs"));
        assertEquals(rowsWithoutTime(whole.resolve(TrainingLoop.METRICS)), rowsWithoutTime(killed.resolve(TrainingLoop.METRICS)),
                "the same rows, each epoch's train_loss over all its steps");
        Map<String, Tensor> a = SafeTensors.read(whole.resolve(TrainingLoop.CHECKPOINT)).tensors();
        Map<String, Tensor> b = SafeTensors.read(killed.resolve(TrainingLoop.CHECKPOINT)).tensors();
        assertEquals(a.keySet(), b.keySet());
        a.forEach((k, v) -> assertTrue(v.allClose(b.get(k), 0, 0), "checkpoint tensor " + k + " differs"));
    }

    @Test
    void theEpochsTrainLossCoversTheStepsBeforeTheResume() throws IOException {
        Path killed = Files.createDirectory(dir.resolve("killed"));
        CheckpointCadence everySeven = new CheckpointCadence(7, null);
        Session crashing = new CrashAt(open());
        assertThrows(IllegalStateException.class, () -> run(crashing, killed, everySeven, RunState.START));
        Path file = killed.resolve(TrainingLoop.CHECKPOINT);
        TrainingCheckpoint saved = Checkpoints.read(file, SPIRAL.name());
        RunState state = Checkpoints.runState(saved, file);

        // the reference: the same 7 steps of epoch 2, summed in the same order
        Session reference = open();
        for (int step = 0; step < reference.stepsPerEpoch(); step++) {
            reference.trainStep(1, step);
        }
        double sum = 0;
        for (int step = 0; step < 7; step++) {
            sum += reference.trainStep(2, step);
        }
        assertEquals(Double.doubleToLongBits(sum), Double.doubleToLongBits(state.lossSum()));
    }

    @Test
    void aCheckpointFromAnotherScheduleIsRefused() {
        RunState beyond = new RunState(1, 10_000, 0, 0, List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(open(), null, CheckpointCadence.EPOCHS_ONLY, beyond));
        assertTrue(e.getMessage().contains("step 10000"), e.getMessage());
    }
}
