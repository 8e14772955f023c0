package dev.nabla.models.cli;

import dev.nabla.Device;
import dev.nabla.backend.Backends;
import picocli.CommandLine.Command;

/** {@code nabla doctor}: what each backend's probe found, and which device a run would use. */
@Command(name = "doctor", description = "Show the backends found, their probe verdicts and the default device.")
final class DoctorCommand implements Runnable {

    @Override
    public void run() {
        Backends.probes().forEach((provider, probe) -> System.out.printf("%-6s priority %-3d %-9s devices %d  %s%n",
                provider.name(), provider.priority(), probe.usable() ? "usable" : "unusable", probe.deviceCount(),
                probe.reason()));
        System.out.println("default device: " + Device.best());
        System.out.println("java: " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name")
                + "), " + Runtime.getRuntime().availableProcessors() + " processors, max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB");
    }
}
