package dev.nabla.backend;

import dev.nabla.Device;
import dev.nabla.DeviceType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovers backend providers with {@link ServiceLoader}, probes them once, and hands out one
 * backend instance per device.
 */
public final class Backends {

    private static final Logger LOG = LoggerFactory.getLogger(Backends.class);
    private static final Map<Device, Backend> INSTANCES = new ConcurrentHashMap<>();
    private static volatile Map<BackendProvider, Probe> probes;
    private static volatile Device best;

    private Backends() {
    }

    /** Every provider found on the class path with its probe verdict, highest priority first. */
    public static Map<BackendProvider, Probe> probes() {
        Map<BackendProvider, Probe> p = probes;
        if (p == null) {
            synchronized (Backends.class) {
                if (probes == null) {
                    probes = discover();
                }
                p = probes;
            }
        }
        return p;
    }

    private static Map<BackendProvider, Probe> discover() {
        List<BackendProvider> found = new ArrayList<>();
        for (BackendProvider provider : ServiceLoader.load(BackendProvider.class)) {
            found.add(provider);
        }
        found.sort(Comparator.comparingInt(BackendProvider::priority).reversed());
        Map<BackendProvider, Probe> result = new LinkedHashMap<>();
        for (BackendProvider provider : found) {
            result.put(provider, safeProbe(provider));
        }
        return result;
    }

    /** Runs a probe, turning anything it throws into an unusable verdict. */
    static Probe safeProbe(BackendProvider provider) {
        try {
            Probe p = provider.probe();
            return p != null ? p : Probe.unusable("probe returned nothing");
        } catch (Throwable t) {
            return Probe.unusable("probe failed: " + t);
        }
    }

    /** See {@link Device#best()}. */
    public static Device bestDevice() {
        Device d = best;
        if (d == null) {
            synchronized (Backends.class) {
                if (best == null) {
                    best = chooseBest();
                }
                d = best;
            }
        }
        return d;
    }

    private static Device chooseBest() {
        String explicit = System.getProperty("nabla.device");
        String source = "system property nabla.device";
        if (explicit == null || explicit.isBlank()) {
            explicit = System.getenv("NABLA_DEVICE");
            source = "environment variable NABLA_DEVICE";
        }
        if (explicit != null && !explicit.isBlank()) {
            Device chosen;
            try {
                chosen = Device.parse(explicit);
                get(chosen);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + " is '" + explicit + "': " + e.getMessage(), e);
            }
            LOG.info("Nabla device {} (chosen by {})", chosen, source);
            return chosen;
        }
        StringBuilder skipped = new StringBuilder();
        for (Map.Entry<BackendProvider, Probe> e : probes().entrySet()) {
            Probe probe = e.getValue();
            if (probe.usable() && probe.deviceCount() > 0) {
                Device chosen = new Device(e.getKey().deviceType(), 0);
                LOG.info("Nabla device {} ({}){}", chosen, probe.reason(), skipped);
                return chosen;
            }
            skipped.append(skipped.length() == 0 ? "; skipped " : ", ")
                    .append(e.getKey().name()).append(": ").append(probe.reason());
        }
        throw new IllegalStateException("Backends: no usable backend on the class path" + skipped
                + " (is nabla-cpu a dependency?)");
    }

    /**
     * See {@link Device#setDefault(Device)}.
     *
     * @throws IllegalArgumentException when the device is not usable
     */
    public static void setDefaultDevice(Device device) {
        get(device);
        synchronized (Backends.class) {
            best = device;
        }
    }

    /**
     * The backend for {@code device}, created on first use.
     *
     * @throws IllegalArgumentException when no provider serves the device type, its probe failed
     *     (the message carries the probe's reason), or the ordinal is out of range
     */
    public static Backend get(Device device) {
        Backend b = INSTANCES.get(device);
        if (b != null) {
            return b;
        }
        return INSTANCES.computeIfAbsent(device, Backends::create);
    }

    private static Backend create(Device device) {
        for (Map.Entry<BackendProvider, Probe> e : probes().entrySet()) {
            if (e.getKey().deviceType() != device.type()) {
                continue;
            }
            Probe probe = e.getValue();
            if (!probe.usable()) {
                throw new IllegalArgumentException("device " + device + " is not usable: " + probe.reason());
            }
            if (device.index() >= probe.deviceCount()) {
                throw new IllegalArgumentException("device " + device + " does not exist: "
                        + probe.deviceCount() + " " + device.type().id() + " device(s) found");
            }
            return e.getKey().create(device.index());
        }
        throw new IllegalArgumentException("device " + device + " is not usable: no backend for "
                + device.type().id() + " on the class path" + (device.type() == DeviceType.CUDA
                ? " (add the nabla-cuda dependency)" : ""));
    }
}
