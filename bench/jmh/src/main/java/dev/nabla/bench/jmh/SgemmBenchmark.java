package dev.nabla.bench.jmh;

import dev.nabla.cpu.Parallel;
import dev.nabla.cpu.kernels.MatrixStrides;
import dev.nabla.cpu.kernels.Sgemm;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Square SGEMM time per call; GFLOP/s = 2·N³ / time. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class SgemmBenchmark {

    /** Matrix size. */
    @Param({"256", "512", "1024", "2048"})
    public int n;

    /** Worker threads. */
    @Param({"1", "2"})
    public int threads;

    private float[] a;
    private float[] b;
    private float[] c;

    /** Fills the operands. */
    @Setup
    public void setUp() {
        Parallel.setThreads(threads);
        Random rnd = new Random(1);
        a = new float[n * n];
        b = new float[n * n];
        c = new float[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextFloat();
            b[i] = rnd.nextFloat();
        }
    }

    /** One product. */
    @Benchmark
    public float[] sgemm() {
        Sgemm.multiply(n, n, n, a, 0, MatrixStrides.rowMajor(n), b, 0, MatrixStrides.rowMajor(n), 0f, c, 0, n);
        return c;
    }
}
