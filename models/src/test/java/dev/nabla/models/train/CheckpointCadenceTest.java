package dev.nabla.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CheckpointCadenceTest {

    @Test
    void parsesStepsOrADuration() {
        assertEquals(new CheckpointCadence(500, null), CheckpointCadence.parse("500"));
        assertEquals(new CheckpointCadence(0, Duration.ofSeconds(90)), CheckpointCadence.parse("90s"));
        assertEquals(new CheckpointCadence(0, Duration.ofMinutes(10)), CheckpointCadence.parse("10M"));
        assertEquals(new CheckpointCadence(0, Duration.ofHours(2)), CheckpointCadence.parse(" 2h "));
        for (String bad : new String[] {"0", "-5", "0s", "10d", "m", "", "1.5h", "99999999999999999999"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CheckpointCadence.parse(bad));
            assertTrue(e.getMessage().startsWith("'" + bad + "' is neither"), e.getMessage());
        }
    }

    @Test
    void isDueAfterTheStepsOrTheTime() {
        CheckpointCadence steps = CheckpointCadence.parse("3");
        assertFalse(steps.due(2, Long.MAX_VALUE));
        assertTrue(steps.due(3, 0));
        CheckpointCadence time = CheckpointCadence.parse("90s");
        assertFalse(time.due(1_000_000, 89_999_999_999L));
        assertTrue(time.due(1, 90_000_000_000L));
        assertFalse(CheckpointCadence.EPOCHS_ONLY.due(Long.MAX_VALUE, Long.MAX_VALUE));
        assertFalse(CheckpointCadence.parse("100000000h").due(0, Long.MAX_VALUE), "no overflow of a long duration");
    }
}
