package dev.nabla.models.cli;

import dev.nabla.Device;

/** The {@code --device} option's meaning, shared by every command that computes. */
final class DeviceOption {

    private DeviceOption() {
    }

    /**
     * The device named by {@code --device}, made the process's default so that it wins over
     * {@code NABLA_DEVICE} everywhere; without the option, {@link Device#best()}.
     *
     * @throws IllegalArgumentException naming the option, or the variable, and why the device cannot be used
     */
    static Device choose(String option) {
        if (option == null) {
            return Device.best();
        }
        try {
            Device device = Device.parse(option);
            Device.setDefault(device);
            return device;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--device " + option + ": " + e.getMessage(), e);
        }
    }
}
