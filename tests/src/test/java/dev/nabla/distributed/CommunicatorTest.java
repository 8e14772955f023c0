package dev.nabla.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Tensor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Both communicators against sums computed here in double: sizes that do not divide by the group
 * size (including fewer elements than ranks and several 1 MiB segments), every dtype, broadcast,
 * all-gather and barrier; then the failures, each of which must reach every rank as a
 * {@link CommunicatorException} within the timeout.
 */
class CommunicatorTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Duration SHORT = Duration.ofMillis(1500);

    /** Rank r's value of element i: distinct per rank and element, exactly representable. */
    private static double value(int rank, int i) {
        return (rank + 1) * 0.5 + (i % 97) * 0.25 - 7;
    }

    @ParameterizedTest
    @EnumSource(Ranks.Kind.class)
    void allReduceSumsAndAveragesAnySizeIdenticallyOnEveryRank(Ranks.Kind kind) {
        int ranks = 3;
        int[] lengths = {1, 2, 7, 1000, 700_001};
        List<Ranks.Outcome<float[][]>> out = Ranks.run(kind.group(ranks, TIMEOUT), TIMEOUT, (rank, c) -> {
            float[][] results = new float[lengths.length * 2][];
            for (int k = 0; k < lengths.length; k++) {
                float[] sum = new float[lengths[k]];
                float[] mean = new float[lengths[k]];
                for (int i = 0; i < sum.length; i++) {
                    sum[i] = (float) value(rank, i);
                    mean[i] = sum[i];
                }
                c.allReduce(sum, ReduceOp.SUM);
                c.allReduce(mean, ReduceOp.MEAN);
                results[2 * k] = sum;
                results[2 * k + 1] = mean;
            }
            return results;
        });
        for (int k = 0; k < lengths.length; k++) {
            for (int i = 0; i < lengths[k]; i += Math.max(1, lengths[k] / 1000)) {
                double expected = 0;
                for (int r = 0; r < ranks; r++) {
                    expected += value(r, i);
                }
                assertEquals(expected, out.get(0).get()[2 * k][i], 1e-5, "sum, length " + lengths[k] + " element " + i);
                assertEquals(expected / ranks, out.get(0).get()[2 * k + 1][i], 1e-5, "mean, element " + i);
            }
            for (int r = 1; r < ranks; r++) {
                assertArrayEquals(out.get(0).get()[2 * k], out.get(r).get()[2 * k], "rank " + r + " differs");
                assertArrayEquals(out.get(0).get()[2 * k + 1], out.get(r).get()[2 * k + 1], "rank " + r + " differs");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Ranks.Kind.class)
    void tensorsOfEveryDtypeAreReducedAndBroadcastInPlace(Ranks.Kind kind) {
        List<Ranks.Outcome<Tensor[]>> out = Ranks.run(kind.group(2, TIMEOUT), TIMEOUT, (rank, c) -> {
            Tensor f = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3).mul(rank + 1).to(Device.CPU);
            Tensor d = Tensor.of(new double[] {0.1, 0.2, 0.3}, 3).mul(rank + 1);
            Tensor l = Tensor.of(new long[] {1L << 40, -3, 5}, 3).mul(rank + 1);
            Tensor b = Tensor.of(new double[] {rank, rank * 10, rank * 100}, 3);
            Tensor strided = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2).mul(rank + 1).t();
            c.allReduce(f, ReduceOp.MEAN);
            c.allReduce(d, ReduceOp.SUM);
            c.allReduce(l, ReduceOp.SUM);
            c.broadcast(b, 1);
            c.allReduce(strided, ReduceOp.SUM);
            return new Tensor[] {f, d, l, b, strided};
        });
        for (Ranks.Outcome<Tensor[]> o : out) {
            Tensor[] t = o.get();
            assertArrayEquals(new float[] {1.5f, 3, 4.5f, 6, 7.5f, 9}, t[0].toFloatArray());
            assertArrayEquals(new double[] {0.1 * 3, 0.2 * 3, 0.30000000000000004 * 3}, t[1].toDoubleArray(), 1e-15);
            assertArrayEquals(new long[] {3L << 40, -9, 15}, t[2].toLongArray());
            assertEquals(DType.INT64, t[2].dtype());
            assertArrayEquals(new double[] {1, 10, 100}, t[3].toDoubleArray());
            assertArrayEquals(new double[] {3, 9, 6, 12}, t[4].toDoubleArray());
        }
    }

    @ParameterizedTest
    @EnumSource(Ranks.Kind.class)
    void allGatherReturnsEveryRanksBytesAndBarrierMeets(Ranks.Kind kind) {
        List<Ranks.Outcome<byte[][]>> out = Ranks.run(kind.group(3, TIMEOUT), TIMEOUT, (rank, c) -> {
            c.barrier();
            return c.allGather(("rank " + rank + "!".repeat(rank * 5)).getBytes(StandardCharsets.UTF_8));
        });
        for (Ranks.Outcome<byte[][]> o : out) {
            for (int r = 0; r < 3; r++) {
                assertEquals("rank " + r + "!".repeat(r * 5), new String(o.get()[r], StandardCharsets.UTF_8));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Ranks.Kind.class)
    void meanOfIntegersIsRefused(Ranks.Kind kind) {
        List<Communicator> group = kind.group(1, TIMEOUT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> group.get(0).allReduce(Tensor.of(new long[] {1, 2}, 2), ReduceOp.MEAN));
        assertTrue(e.getMessage().contains("MEAN needs a floating tensor"), e.getMessage());
        group.get(0).close();
    }

    @ParameterizedTest
    @EnumSource(Ranks.Kind.class)
    void mismatchedSizesFailOnEveryRank(Ranks.Kind kind) {
        List<Ranks.Outcome<Void>> out = Ranks.run(kind.group(3, SHORT), Duration.ofSeconds(10), (rank, c) -> {
            c.allReduce(new float[rank == 1 ? 1200 : 1000], ReduceOp.SUM);
            return null;
        });
        for (Ranks.Outcome<Void> o : out) {
            assertInstanceOf(CommunicatorException.class, o.error(), "every rank must fail");
            assertTrue(o.error().getMessage().contains("different collectives"), o.error().getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(Ranks.Kind.class)
    void aSilentRankMakesTheOthersTimeOut(Ranks.Kind kind) {
        List<Ranks.Outcome<Void>> out = Ranks.run(kind.group(3, SHORT), Duration.ofSeconds(10), (rank, c) -> {
            if (rank != 2) {
                c.allReduce(new double[10], ReduceOp.SUM);
            } else {
                sleep(SHORT.toMillis() + 700);
            }
            return null;
        });
        for (int r = 0; r < 2; r++) {
            assertInstanceOf(CommunicatorException.class, out.get(r).error(), "rank " + r);
            assertTrue(out.get(r).millis() < SHORT.toMillis() * 2 + 1000, "rank " + r + " took " + out.get(r).millis() + " ms");
        }
        assertTrue(out.stream().anyMatch(o -> o.error() != null && o.error().getMessage().contains("timed out")),
                "one rank names the timeout");
    }

    @ParameterizedTest
    @EnumSource(Ranks.Kind.class)
    void aPeerClosingMidAllReduceFailsEveryRankBeforeTheTimeout(Ranks.Kind kind) {
        Duration timeout = Duration.ofSeconds(8);
        List<Ranks.Outcome<Void>> out = Ranks.run(kind.group(3, timeout), Duration.ofSeconds(20), (rank, c) -> {
            if (rank == 1) {
                sleep(300); // the others are inside the all-reduce, waiting for rank 1's data
                c.close();
                c.allReduce(new float[4_000_000], ReduceOp.SUM);
            } else {
                c.allReduce(new float[4_000_000], ReduceOp.SUM);
            }
            return null;
        });
        for (int r = 0; r < 3; r++) {
            Throwable e = out.get(r).error();
            assertInstanceOf(CommunicatorException.class, e, "rank " + r);
            assertTrue(e.getMessage().contains("rank " + r + "/3"), e.getMessage());
            assertTrue(out.get(r).millis() < timeout.toMillis(), "rank " + r + " waited for the timeout: " + e.getMessage());
        }
        assertTrue(out.get(1).error().getMessage().contains("closed"), out.get(1).error().getMessage());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
