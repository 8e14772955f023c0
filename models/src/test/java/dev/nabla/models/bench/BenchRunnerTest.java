package dev.nabla.models.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.Device;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class BenchRunnerTest {

    private static final Function<String, BenchCase> MUST_NOT_BUILD = name -> {
        throw new AssertionError(name + " was built although the filter skips it");
    };

    @Test
    void aFilterPicksCasesByNameSubstringWithoutBuildingAny() {
        List<BenchEntry> all = BenchSuite.all(Device.CPU);
        assertEquals(List.of("lenet_train"), names(BenchRunner.selected(all, "lenet")));
        assertEquals(List.of("sgemm_256_t1", "sgemm_256_t2", "mlp_train"),
                names(BenchRunner.selected(all, "sgemm_256,mlp")));
        assertEquals(names(all), names(BenchRunner.selected(all, "")));
        assertEquals(List.of(), names(BenchRunner.selected(all, "no_such_case")));
    }

    @Test
    void theSuitesNamesAreUniqueAndTheBuiltCasesCarryThem() {
        List<String> names = names(BenchSuite.all(Device.CPU));
        assertEquals(names.size(), names.stream().distinct().count(), "unique names: " + names);
        for (BenchEntry entry : BenchRunner.selected(BenchSuite.all(Device.CPU), "fma_peak,sgemm_256,mlp,lenet")) {
            assertEquals(entry.name(), entry.build().name());
        }
    }

    @Test
    void onlyTheChosenCaseIsBuiltAndPrinted() {
        int[] runs = {0};
        List<BenchEntry> cases = List.of(new BenchEntry("skipped_a", MUST_NOT_BUILD),
                new BenchEntry("chosen", name -> new BenchCase(name, "tiny", 0, () -> runs[0]++)),
                new BenchEntry("skipped_b", MUST_NOT_BUILD));
        String out = captured(() -> BenchRunner.run(cases, "chosen", Device.CPU));
        assertEquals(1, out.lines().count(), out);
        assertTrue(out.startsWith("{\"name\":\"chosen\",\"config\":\"tiny\",\"median_ms\":"), out);
        assertTrue(runs[0] >= 5, "warm-up and timed repetitions ran: " + runs[0]);
    }

    @Test
    void anEntryWhoseCaseHasAnotherNameIsRefused() {
        List<BenchEntry> cases = List.of(new BenchEntry("listed", name -> new BenchCase("other", "", 0, () -> { })));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> BenchRunner.run(cases, "", Device.CPU));
        assertEquals("bench: entry listed built a case named other", e.getMessage());
    }

    private static List<String> names(List<BenchEntry> entries) {
        return entries.stream().map(BenchEntry::name).toList();
    }

    private static String captured(Runnable body) {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
