package dev.nabla.cuda;

/**
 * What the driver says about one device.
 *
 * @param ordinal the device index ({@code cuda:N})
 * @param name the marketing name, e.g. {@code NVIDIA H100 80GB HBM3}
 * @param totalBytes the device memory
 * @param computeMajor the compute capability's major number
 * @param computeMinor the compute capability's minor number
 */
public record DeviceInfo(int ordinal, String name, long totalBytes, int computeMajor, int computeMinor) {

    /** {@code "cuda:0 NVIDIA H100 80GB HBM3, 79.19 GiB, compute capability 9.0"}. */
    public String describe() {
        return "cuda:" + ordinal + " " + name + ", " + Bytes.human(totalBytes) + ", compute capability "
                + computeMajor + "." + computeMinor;
    }
}
