package dev.nabla.models.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The benchmark data is generated bit for bit as bench/sklearn_bench.py generates it: the expected values
 * below were printed by that script's {@code generate(2002)} and {@code initial_rows(200000)} (NumPy uint64
 * arithmetic), so a change on either side that breaks the twin shows here before a comparison runs on
 * different data.
 */
class MlDataTest {

    @Test
    void matchesTheNumpyTwin() {
        MlData.Set set = MlData.generate(2002);
        assertEquals(1.0370122346383441, set.x()[0]);
        assertEquals(0.6189180157806644, set.x()[2001 * 50 + 49]);
        assertEquals(0.3171058176484851, set.target()[7]);
        assertEquals(0, set.blob()[5]);
        assertEquals(set.target()[7] > 0 ? 1 : 0, set.label()[7]);
        assertArrayEquals(new long[] {34773, 96029, 100629, 158282, 119078, 117501, 76309, 59248, 41004, 135327},
                MlData.initialRows(200_000));
    }
}
