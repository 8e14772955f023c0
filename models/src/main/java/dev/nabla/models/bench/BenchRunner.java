package dev.nabla.models.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nabla.Device;
import dev.nabla.cpu.Parallel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The plain benchmark runner: for each case, warms up (at least 2 s, so the JIT has compiled the
 * hot loops), times repetitions until a time budget is spent, and prints one JSON object per line:
 * {@code {"name","config","median_ms","gflops","gbps"}}. Each repetition ends with
 * {@link Device#synchronize()} so asynchronous device work is inside the timed interval. The {@code bench} CLI
 * command calls {@link #run(List, String, Device)}; {@link #main} runs everything (or the cases whose names
 * contain the first argument), or with {@code --serve} answers case names read from standard input, which is
 * how {@code bench/compare.sh} interleaves Nabla and PyTorch case by case. Start the JVM with
 * {@code --add-modules jdk.incubator.vector} for SIMD.
 */
public final class BenchRunner {

    private static final int WARMUP = 3;
    /**
     * Warm-up time of a case's first measurement. The GEMM micro-kernel reaches C2 about 2.5 s after the JVM
     * starts and runs the Vector API's slow fallback before that, so 2 s was too short.
     */
    private static final long FIRST_WARMUP_NANOS = 4_000_000_000L;
    /** Warm-up time when a served case is measured again (compiled already; this refills the caches). */
    private static final long REPEAT_WARMUP_NANOS = 500_000_000L;
    private static final int MIN_REPS = 5;
    private static final long BUDGET_NANOS = 3_000_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchRunner() {
    }

    /**
     * Runs every case (filtered by name substring when the first argument is a filter), printing JSON lines; with
     * {@code --serve}, serves the case names read from standard input instead (see {@link #serve}).
     */
    public static void main(String[] args) {
        List<BenchEntry> cases = BenchSuite.all(Device.best());
        if (args.length > 0 && args[0].equals("--serve")) {
            serve(cases, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), Device.best());
        } else if (run(cases, args.length > 0 ? args[0] : "", Device.best()) == 0) {
            System.err.println("bench: no case matches '" + args[0] + "'");
            System.exit(2);
        }
    }

    /**
     * Runs the cases whose names contain {@code filter} and prints their JSON lines to standard output.
     *
     * @param cases the cases by name (each sets its thread count when built)
     * @param filter comma-separated substrings of case names; a case runs when its name contains any; empty runs all
     * @param device the device the cases compute on, synchronised after every repetition
     * @return how many cases ran (0 when the filter matches none)
     */
    public static int run(List<BenchEntry> cases, String filter, Device device) {
        List<BenchEntry> chosen = selected(cases, filter);
        for (BenchEntry entry : chosen) {
            BenchCase c = built(entry);
            Parallel.setThreads(c.threads());
            System.out.println(json(c, medianMillis(synchronised(c, device), FIRST_WARMUP_NANOS)));
        }
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
        return chosen.size();
    }

    /**
     * Answers one case name per input line with that case's JSON line, until the input ends. A case is built the
     * first time it is named and kept, so later rounds time the same data with a short warm-up. An unknown name
     * is answered with {@code {"name": ..., "error": ...}}, and {@code list} with {@code {"cases": [names...]}}.
     *
     * @param cases the cases by name
     * @param in where the names come from
     * @param device the device the cases compute on
     */
    public static void serve(List<BenchEntry> cases, BufferedReader in, Device device) {
        Map<String, BenchCase> built = new HashMap<>();
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String name = line.strip();
                if (name.equals("list")) {
                    ObjectNode list = JSON.createObjectNode();
                    cases.forEach(e -> list.withArray("cases").add(e.name()));
                    System.out.println(list);
                    continue;
                }
                BenchEntry entry = cases.stream().filter(e -> e.name().equals(name)).findFirst().orElse(null);
                if (entry == null) {
                    System.out.println(JSON.createObjectNode().put("name", name).put("error", "no such case"));
                    continue;
                }
                boolean first = !built.containsKey(name);
                BenchCase c = built.computeIfAbsent(name, n -> built(entry));
                Parallel.setThreads(c.threads());
                double ms = medianMillis(synchronised(c, device), first ? FIRST_WARMUP_NANOS : REPEAT_WARMUP_NANOS);
                System.out.println(json(c, ms));
            }
            Parallel.setThreads(Runtime.getRuntime().availableProcessors());
        } catch (IOException e) {
            throw new UncheckedIOException("bench: cannot read case names", e);
        }
    }

    private static BenchCase built(BenchEntry entry) {
        BenchCase c = entry.build();
        if (!c.name().equals(entry.name())) {
            throw new IllegalStateException("bench: entry " + entry.name() + " built a case named " + c.name());
        }
        return c;
    }

    private static Runnable synchronised(BenchCase c, Device device) {
        Runnable body = c.body();
        return () -> {
            body.run();
            device.synchronize();
        };
    }

    /**
     * The entries whose names contain any of the comma-separated substrings of {@code filter} (all of them when
     * it is empty), in order, none of them built.
     */
    static List<BenchEntry> selected(List<BenchEntry> cases, String filter) {
        List<String> wanted = Arrays.asList(filter.split(",", -1));
        return cases.stream().filter(e -> wanted.stream().anyMatch(e.name()::contains)).toList();
    }

    /** The median wall time of one repetition, in milliseconds, after at least {@code warmupNanos} of warm-up. */
    static double medianMillis(Runnable body, long warmupNanos) {
        long warmStart = System.nanoTime();
        for (int i = 0; i < WARMUP || System.nanoTime() - warmStart < warmupNanos; i++) {
            body.run();
        }
        List<Double> times = new ArrayList<>();
        long start = System.nanoTime();
        while (times.size() < MIN_REPS || (System.nanoTime() - start < BUDGET_NANOS && times.size() < 200)) {
            long t = System.nanoTime();
            body.run();
            times.add((System.nanoTime() - t) / 1e6);
        }
        double[] sorted = times.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** One JSON line; gflops (gbps) is null when the case has no operation (byte) count. */
    static String json(BenchCase c, double medianMs) {
        ObjectNode line = JSON.createObjectNode().put("name", c.name()).put("config", c.config())
                .put("median_ms", Math.round(medianMs * 1000) / 1000.0);
        perSecond(line, "gflops", c.flops(), medianMs);
        perSecond(line, "gbps", c.bytes(), medianMs);
        return line.toString();
    }

    /** Puts {@code amount} per {@code ms} milliseconds, in billions per second, or null for no amount. */
    private static void perSecond(ObjectNode line, String field, double amount, double ms) {
        if (amount > 0) {
            line.put(field, Math.round(amount / (ms * 1e6) * 100) / 100.0);
        } else {
            line.putNull(field);
        }
    }
}
