package dev.nabla;

import dev.nabla.backend.Backends;

/**
 * Where a tensor lives: {@code cpu} or {@code cuda:N}.
 *
 * @param type the device kind
 * @param index the ordinal among devices of that kind (0 for the CPU)
 */
public record Device(DeviceType type, int index) {

    /** The host CPU. */
    public static final Device CPU = new Device(DeviceType.CPU, 0);

    /** Validates the ordinal. */
    public Device {
        if (type == null) {
            throw new IllegalArgumentException("Device: type must not be null");
        }
        if (index < 0 || (type == DeviceType.CPU && index != 0)) {
            throw new IllegalArgumentException("Device: invalid index " + index + " for " + type.id());
        }
    }

    /** The CUDA device with ordinal {@code index}. */
    public static Device cuda(int index) {
        return new Device(DeviceType.CUDA, index);
    }

    /**
     * Parses {@code "cpu"}, {@code "cuda"} (= {@code cuda:0}) or {@code "cuda:N"}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static Device parse(String spec) {
        String s = spec == null ? "" : spec.trim().toLowerCase(java.util.Locale.ROOT);
        if (s.equals("cpu")) {
            return CPU;
        }
        if (s.equals("cuda")) {
            return cuda(0);
        }
        if (s.startsWith("cuda:")) {
            try {
                return cuda(Integer.parseInt(s.substring(5)));
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw new IllegalArgumentException("Device.parse: unknown device '" + spec
                + "' (expected cpu, cuda or cuda:N)");
    }

    /**
     * The device to use when the user did not choose: the one given to {@link #setDefault}, else the
     * system property {@code nabla.device}, else the environment variable {@code NABLA_DEVICE}, else
     * CUDA when its probe passes, else the CPU. An explicit choice that cannot be served is an error
     * naming where it came from, never a silent fallback.
     */
    public static Device best() {
        return Backends.bestDevice();
    }

    /**
     * Makes {@code device} the one {@link #best()} returns from now on, in this process: an explicit
     * choice (a command-line option) wins over the {@code nabla.device} property and the
     * {@code NABLA_DEVICE} variable, which are then not read.
     *
     * @throws IllegalArgumentException when the device is not usable (with the probe's reason)
     */
    public static void setDefault(Device device) {
        Backends.setDefaultDevice(device);
    }

    /**
     * Waits until all work queued on this device has finished, for timing device work with a host
     * clock; returns at once on the CPU, whose operations complete before they return.
     *
     * @throws IllegalStateException when the device's backend is not usable
     */
    public void synchronize() {
        Backends.get(this).synchronize();
    }

    @Override
    public String toString() {
        return type == DeviceType.CPU ? "cpu" : type.id() + ":" + index;
    }
}
