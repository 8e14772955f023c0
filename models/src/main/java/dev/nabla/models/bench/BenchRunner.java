package dev.nabla.models.bench;

import dev.nabla.Device;
import dev.nabla.cpu.Parallel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The plain benchmark runner: for each case, warms up (at least 2 s, so the JIT has compiled the
 * hot loops), times repetitions until a time budget
 * is spent, and prints one JSON object per line:
 * {@code {"name","config","median_ms","gflops","gbps"}}. Each repetition ends with
 * {@link Device#synchronize()} so asynchronous device work is inside the timed interval. The {@code bench} CLI command calls
 * {@link #run(List, String, Device)}; {@link #main} runs everything (or the cases whose names contain
 * the first argument). Start the JVM with {@code --add-modules jdk.incubator.vector} for SIMD.
 */
public final class BenchRunner {

    private static final int WARMUP = 3;
    /** Warm-up time: long enough for the JIT to compile the hot loops (Vector API code is slow until C2 has it). */
    private static final long WARMUP_NANOS = 2_000_000_000L;
    private static final int MIN_REPS = 5;
    private static final long BUDGET_NANOS = 3_000_000_000L;

    private BenchRunner() {
    }

    /** Runs every case (filtered by name substring when {@code filter} is non-empty), printing JSON lines. */
    public static void main(String[] args) {
        run(BenchSuite.all(Device.best()), args.length > 0 ? args[0] : "", Device.best());
    }

    /**
     * Runs the cases whose names contain {@code filter} and prints their JSON lines to standard output.
     *
     * @param cases the cases by name (each sets its thread count when built)
     * @param filter comma-separated substrings of case names; a case runs when its name contains any; empty runs all
     * @param device the device the cases compute on, synchronised after every repetition
     */
    public static void run(List<BenchEntry> cases, String filter, Device device) {
        for (BenchEntry entry : selected(cases, filter)) {
            BenchCase c = entry.build();
            if (!c.name().equals(entry.name())) {
                throw new IllegalStateException("bench: entry " + entry.name() + " built a case named " + c.name());
            }
            Runnable body = c.body();
            System.out.println(json(c, medianMillis(() -> {
                body.run();
                device.synchronize();
            })));
        }
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    /**
     * The entries whose names contain any of the comma-separated substrings of {@code filter} (all of them when
     * it is empty), in order, none of them built.
     */
    static List<BenchEntry> selected(List<BenchEntry> cases, String filter) {
        List<String> wanted = Arrays.asList(filter.split(",", -1));
        return cases.stream().filter(e -> wanted.stream().anyMatch(e.name()::contains)).toList();
    }

    /** The median wall time of one repetition, in milliseconds. */
    static double medianMillis(Runnable body) {
        long warmStart = System.nanoTime();
        for (int i = 0; i < WARMUP || System.nanoTime() - warmStart < WARMUP_NANOS; i++) {
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
        return String.format(Locale.ROOT,
                "{\"name\":\"%s\",\"config\":\"%s\",\"median_ms\":%.3f,\"gflops\":%s,\"gbps\":%s}",
                c.name(), c.config(), medianMs, perSecond(c.flops(), medianMs), perSecond(c.bytes(), medianMs));
    }

    /** {@code amount} per {@code ms} milliseconds, in billions per second, or null for no amount. */
    private static String perSecond(double amount, double ms) {
        return amount > 0 ? String.format(Locale.ROOT, "%.2f", amount / (ms * 1e6)) : "null";
    }
}
