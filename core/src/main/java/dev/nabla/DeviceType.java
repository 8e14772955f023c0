package dev.nabla;

/** The kinds of device a tensor can live on. */
public enum DeviceType {
    /** Host memory, computed by the pure-Java backend. */
    CPU,
    /** An NVIDIA GPU, computed by the CUDA backend. */
    CUDA;

    /** The lower-case name used in device strings such as {@code "cuda:0"}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
