package dev.nabla.backend;

import dev.nabla.DeviceType;

/**
 * A backend factory discovered through {@link java.util.ServiceLoader}.
 *
 * <p>Implementations must keep their class initialisation free of native code: core loads every
 * provider on every machine, and only {@link #probe()} may touch native libraries.
 */
public interface BackendProvider {

    /** A short name, e.g. {@code "cpu"} or {@code "cuda"}. */
    String name();

    /** The device type this provider serves. */
    DeviceType deviceType();

    /** Higher wins when {@code Device.best()} chooses among usable providers. */
    int priority();

    /**
     * Checks whether the backend can run here. Must never throw — not even {@link Error}s such as
     * {@link UnsatisfiedLinkError}: every failure becomes a {@link Probe#unusable(String)} verdict.
     */
    Probe probe();

    /**
     * Creates the backend for one device of this provider's type.
     *
     * @param index the device ordinal (0 for the CPU)
     */
    Backend create(int index);
}
