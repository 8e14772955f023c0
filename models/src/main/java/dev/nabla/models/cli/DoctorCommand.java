package dev.nabla.models.cli;

import dev.nabla.Device;
import dev.nabla.backend.Backends;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code nabla doctor}: what each backend's probe found, which device a run would use, and the JVM.
 * The report is always complete: a default device that cannot be used (say {@code NABLA_DEVICE=cuda}
 * without a GPU) is reported with its reason, and the exit status is then 1.
 */
@Command(name = "doctor", description = "Show the backends found, their probe verdicts, the default device and the JVM.")
final class DoctorCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        Backends.probes().forEach((provider, probe) -> System.out.printf("%-6s priority %-3d %-9s devices %d  %s%n",
                provider.name(), provider.priority(), probe.usable() ? "usable" : "unusable", probe.deviceCount(),
                probe.reason()));
        int status = 0;
        try {
            System.out.println("default device: " + Device.best());
        } catch (RuntimeException e) {
            System.out.println("default device: none: " + e.getMessage());
            status = Main.FAILED;
        }
        System.out.println("java: " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name")
                + "), " + Runtime.getRuntime().availableProcessors() + " processors, max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB");
        return status;
    }
}
