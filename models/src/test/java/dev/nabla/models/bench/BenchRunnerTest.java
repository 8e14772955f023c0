package dev.nabla.models.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.Device;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
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
                new BenchEntry("chosen", name -> new BenchCase(name, "tiny", 1, 0, () -> runs[0]++)),
                new BenchEntry("skipped_b", MUST_NOT_BUILD));
        int[] ran = {0};
        String out = captured(() -> ran[0] = BenchRunner.run(cases, "chosen", Device.CPU));
        assertEquals(1, ran[0]);
        assertEquals(1, out.lines().count(), out);
        assertTrue(out.startsWith("{\"name\":\"chosen\",\"config\":\"tiny\",\"median_ms\":"), out);
        assertTrue(runs[0] >= 5, "warm-up and timed repetitions ran: " + runs[0]);
    }

    @Test
    void aFilterThatMatchesNothingRunsNothingAndSaysSo() {
        List<BenchEntry> cases = List.of(new BenchEntry("skipped", MUST_NOT_BUILD));
        int[] ran = {-1};
        String out = captured(() -> ran[0] = BenchRunner.run(cases, "nothing", Device.CPU));
        assertEquals(0, ran[0]);
        assertEquals("", out);
    }

    @Test
    void servingBuildsEachCaseOnceAndAnswersEveryName() {
        int[] builds = {0};
        List<BenchEntry> cases = List.of(new BenchEntry("served", name -> {
            builds[0]++;
            return new BenchCase(name, "tiny \"quoted\"", 1, 1e6, () -> { });
        }), new BenchEntry("unasked", MUST_NOT_BUILD));
        String out = captured(() -> BenchRunner.serve(cases,
                new BufferedReader(new StringReader("list\nserved\nmissing\nserved\n")), Device.CPU));
        List<String> lines = out.lines().toList();
        assertEquals(4, lines.size(), out);
        assertEquals("{\"cases\":[\"served\",\"unasked\"]}", lines.get(0));
        assertTrue(lines.get(1).startsWith("{\"name\":\"served\",\"config\":\"tiny \\\"quoted\\\"\",\"median_ms\":"),
                lines.get(1));
        assertEquals("{\"name\":\"missing\",\"error\":\"no such case\"}", lines.get(2));
        assertTrue(lines.get(3).contains("\"gbps\":null"), lines.get(3));
        assertEquals(1, builds[0]);
    }

    @Test
    void anEntryWhoseCaseHasAnotherNameIsRefused() {
        List<BenchEntry> cases = List.of(new BenchEntry("listed", name -> new BenchCase("other", "", 1, 0, () -> { })));
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
