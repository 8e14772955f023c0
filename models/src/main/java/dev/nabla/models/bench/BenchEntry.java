package dev.nabla.models.bench;

import java.util.function.Function;

/**
 * A benchmark case by name, built only when chosen: building allocates the case's data (up to hundreds of
 * megabytes on the device), so a filtered run must not build the cases it skips.
 *
 * @param name the case's name, which the built case carries
 * @param factory builds the case, given its name
 */
public record BenchEntry(String name, Function<String, BenchCase> factory) {

    /** Allocates the case's data and returns the case. */
    public BenchCase build() {
        return factory.apply(name);
    }
}
