package dev.nabla.cuda;

import com.sun.jna.Native;
import com.sun.jna.ptr.IntByReference;
import java.util.ArrayList;
import java.util.List;

/**
 * The CUDA part of {@code nabla doctor}: driver version, devices, which cuBLAS and cuDNN were found
 * where, what serves GEMM / conv / RNN, and the probe's verdict, as text lines. Works on machines
 * without a GPU, where it says what is missing.
 */
public final class CudaDoctor {

    private CudaDoctor() {
    }

    /** The report for this machine. */
    public static List<String> report() {
        return report(CudaProbe.system().run());
    }

    /** The report for a probe result. */
    public static List<String> report(CudaProbe.Result result) {
        List<String> lines = new ArrayList<>();
        lines.add("CUDA backend: " + (result.probe().usable() ? "usable" : "unusable") + " - "
                + result.probe().reason());
        lines.add("  driver library: " + result.driverLibrary().describe());
        lines.add("  driver version: " + (result.driverVersion() > 0
                ? "CUDA " + DriverInfo.formatVersion(result.driverVersion()) : "unknown"));
        if (result.devices().isEmpty()) {
            lines.add("  devices: none");
        }
        for (DeviceInfo device : result.devices()) {
            lines.add("  device " + device.describe());
        }
        CudaLibraries libraries = result.libraries();
        if (libraries == null) {
            lines.add("  libraries: the library decision failed; GEMM, conv and RNN use Nabla's own kernels");
            return lines;
        }
        for (String line : libraries.reportLines()) {
            lines.add("  " + line);
        }
        libraries.cublasLibrary().map(CudaDoctor::cublasVersion)
                .ifPresent(v -> lines.add("  cuBLAS version: " + v));
        libraries.cudnnLibrary().map(CudaDoctor::cudnnVersion)
                .ifPresent(v -> lines.add("  cuDNN version: " + v));
        return lines;
    }

    /** Asks a cuBLAS library for its version; needs no GPU. */
    private static String cublasVersion(String library) {
        try {
            CublasLibrary cublas = Native.load(library, CublasLibrary.class);
            int[] parts = new int[3];
            int[] properties = {CublasLibrary.MAJOR_VERSION, CublasLibrary.MINOR_VERSION, CublasLibrary.PATCH_LEVEL};
            for (int i = 0; i < 3; i++) {
                IntByReference value = new IntByReference();
                cublas.cublasGetProperty(properties[i], value);
                parts[i] = value.getValue();
            }
            return parts[0] + "." + parts[1] + "." + parts[2];
        } catch (Throwable t) {
            return "unknown (" + ErrorSummary.of(t) + ")";
        }
    }

    /** Asks cuDNN for its version ({@code 90100} is 9.1.0); needs no GPU. */
    private static String cudnnVersion(String library) {
        try {
            long v = Native.load(library, CudnnLibrary.class).cudnnGetVersion();
            return v / 10000 + "." + v % 10000 / 100 + "." + v % 100;
        } catch (Throwable t) {
            return "unknown (" + ErrorSummary.of(t) + ")";
        }
    }
}
