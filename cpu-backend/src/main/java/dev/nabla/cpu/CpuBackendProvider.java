package dev.nabla.cpu;

import dev.nabla.DeviceType;
import dev.nabla.backend.Backend;
import dev.nabla.backend.BackendProvider;
import dev.nabla.backend.Probe;

/** Registers the pure-Java backend; it is usable on every JVM. */
public final class CpuBackendProvider implements BackendProvider {

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public DeviceType deviceType() {
        return DeviceType.CPU;
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Probe probe() {
        return Probe.ok("pure-Java CPU backend, " + Parallel.threads() + " threads", 1);
    }

    @Override
    public Backend create(int index) {
        return CpuBackend.INSTANCE;
    }
}
