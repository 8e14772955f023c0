package dev.nabla.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** Spark contexts for tests: loopback only, no UI, quiet. */
final class SparkTesting {

    private SparkTesting() {
    }

    /** The settings every test context shares. */
    static SparkConf conf(String master, String name) {
        return new SparkConf().setMaster(master).setAppName(name)
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.ui.showConsoleProgress", "false")
                // a barrier stage waits for free slots; check again after 1 s rather than 15
                .set("spark.scheduler.barrier.maxConcurrentTasksCheck.interval", "1s");
    }

    /** A context on {@code master} (e.g. {@code local[2]}). */
    static JavaSparkContext local(String master, String name) {
        return new JavaSparkContext(conf(master, name));
    }
}
