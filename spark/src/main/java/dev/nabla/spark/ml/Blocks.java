package dev.nabla.spark.ml;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Tensor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

/**
 * A data set as cached blocks of rows, and the one way the learners read it: sum a
 * {@link BlockStatistic} over all blocks with {@code treeAggregate} (one Spark job).
 */
final class Blocks implements AutoCloseable {

    /** Rows per block: large enough for efficient matrix products, small enough for any executor. */
    static final int BLOCK_ROWS = 4096;

    private final JavaRDD<Block> blocks;
    private final long rows;
    private final int cols;

    private Blocks(JavaRDD<Block> blocks, String op) {
        this.blocks = blocks.persist(StorageLevel.MEMORY_AND_DISK());
        long[] shape = blocks.map(b -> new long[] {b.rows(), b.cols()})
                .fold(new long[] {0, -1}, (a, b) -> {
                    if (a[1] >= 0 && b[1] >= 0 && a[1] != b[1]) {
                        throw new IllegalArgumentException(op + ": rows have " + a[1] + " and " + b[1] + " features");
                    }
                    return new long[] {a[0] + b[0], Math.max(a[1], b[1])};
                });
        if (shape[0] == 0) {
            throw new IllegalArgumentException(op + ": the data set is empty");
        }
        this.rows = shape[0];
        this.cols = (int) shape[1];
    }

    /** Unsupervised rows, blocked and cached; validates widths and values. */
    static Blocks of(JavaRDD<double[]> data, String op) {
        return new Blocks(data.mapPartitions(it -> cut(it, r -> r, null, op)), op);
    }

    /** Supervised rows, blocked and cached; validates widths and values. */
    static Blocks labelled(JavaRDD<LabeledPoint> data, String op) {
        return new Blocks(data.mapPartitions(it -> cut(it, LabeledPoint::features, LabeledPoint::label, op)), op);
    }

    long rows() {
        return rows;
    }

    int cols() {
        return cols;
    }

    /** The sum over all blocks of {@code statistic}, an array of {@code length}. */
    double[] sum(int length, BlockStatistic statistic) {
        return blocks.treeAggregate(new double[length], (acc, b) -> add(acc, statistic.of(b)), Blocks::add, 2);
    }

    /** Ships {@code values} once to every executor (the current model). */
    Broadcast<double[]> broadcast(double[] values) {
        return JavaSparkContext.fromSparkContext(blocks.context()).broadcast(values);
    }

    /** {@code count} rows drawn without replacement by Spark's seeded sampler, as a FLOAT64 matrix. */
    Tensor sample(int count, long seed) {
        List<double[]> drawn = blocks.flatMap(b -> {
            List<double[]> rowsOfBlock = new ArrayList<>();
            for (int i = 0; i < b.rows(); i++) {
                rowsOfBlock.add(java.util.Arrays.copyOfRange(b.x(), i * b.cols(), (i + 1) * b.cols()));
            }
            return rowsOfBlock.iterator();
        }).takeSample(false, count, seed);
        return Tensor.of(drawn.toArray(new double[0][])).to(Device.CPU).to(DType.FLOAT64);
    }

    /** The distinct targets, ascending. */
    double[] distinctTargets() {
        return blocks.flatMap(b -> java.util.Arrays.stream(b.y()).distinct().boxed().iterator()).distinct().collect()
                .stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    @Override
    public void close() {
        blocks.unpersist(false);
    }

    static double[] add(double[] acc, double[] more) {
        for (int i = 0; i < acc.length; i++) {
            acc[i] += more[i];
        }
        return acc;
    }

    private static <R> Iterator<Block> cut(Iterator<R> rows, java.util.function.Function<R, double[]> features,
            java.util.function.ToDoubleFunction<R> label, String op) {
        List<Block> out = new ArrayList<>();
        List<double[]> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        while (rows.hasNext()) {
            R r = rows.next();
            double[] f = features.apply(r);
            check(f, x.isEmpty() ? f.length : x.get(0).length, op);
            x.add(f);
            if (label != null) {
                double v = label.applyAsDouble(r);
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(op + ": a label is " + v);
                }
                y.add(v);
            }
            if (x.size() == BLOCK_ROWS || !rows.hasNext()) {
                out.add(block(x, label == null ? null : y));
                x.clear();
                y.clear();
            }
        }
        return out.iterator();
    }

    private static void check(double[] row, int width, String op) {
        if (row.length != width || row.length == 0) {
            throw new IllegalArgumentException(op + ": rows have " + width + " and " + row.length + " features");
        }
        for (double v : row) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(op + ": a feature is " + v);
            }
        }
    }

    private static Block block(List<double[]> x, List<Double> y) {
        int cols = x.get(0).length;
        double[] flat = new double[x.size() * cols];
        for (int i = 0; i < x.size(); i++) {
            System.arraycopy(x.get(i), 0, flat, i * cols, cols);
        }
        return new Block(x.size(), cols, flat, y == null ? null : y.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
