package dev.nabla.kernels;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Access to the committed PTX modules and the kernel manifest on the classpath
 * ({@code dev/nabla/kernels/*.ptx} and {@code dev/nabla/kernels/kernels.txt}). A CUDA backend loads
 * {@link #ptx(String)} with {@code cuModuleLoadDataEx} and checks names against {@link #manifest()}.
 */
public final class PtxKernels {

    /** Classpath folder holding the modules and the manifest. */
    public static final String RESOURCE_DIR = "dev/nabla/kernels/";
    /** Manifest file name inside {@link #RESOURCE_DIR}. */
    public static final String MANIFEST = "kernels.txt";

    private static volatile List<KernelSignature> manifest;

    private PtxKernels() {
    }

    /** @return every kernel entry point of every module, in manifest order */
    public static List<KernelSignature> manifest() {
        List<KernelSignature> m = manifest;
        if (m == null) {
            List<KernelSignature> parsed = new ArrayList<>();
            for (String line : readResource(MANIFEST).split("\n")) {
                if (!line.isBlank()) {
                    parsed.add(KernelSignature.parse(line.strip()));
                }
            }
            m = List.copyOf(parsed);
            manifest = m;
        }
        return m;
    }

    /** @return the module names (one per {@code .cu} source), in manifest order */
    public static List<String> modules() {
        Set<String> names = new LinkedHashSet<>();
        for (KernelSignature s : manifest()) {
            names.add(s.module());
        }
        return List.copyOf(names);
    }

    /**
     * @param module module name, e.g. {@code "softmax"}
     * @return the module's PTX text
     * @throws IllegalArgumentException if there is no such module
     */
    public static String ptx(String module) {
        requireModule(module, "ptx");
        return readResource(module + ".ptx");
    }

    /**
     * @param module module name
     * @return the entry points declared by the module's PTX ({@code .entry} lines), in file order
     * @throws IllegalArgumentException if there is no such module
     */
    public static List<String> entryPoints(String module) {
        return PtxText.entryNames(ptx(module));
    }

    /**
     * @param name entry point name, e.g. {@code "softmax_forward_f32"}
     * @return its manifest signature
     * @throws IllegalArgumentException if no module declares it
     */
    public static KernelSignature signature(String name) {
        for (KernelSignature s : manifest()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("PtxKernels.signature: unknown kernel '" + name + "'");
    }

    private static void requireModule(String module, String op) {
        if (!modules().contains(module)) {
            throw new IllegalArgumentException("PtxKernels." + op + ": unknown module '" + module + "', known: " + modules());
        }
    }

    private static String readResource(String file) {
        String path = RESOURCE_DIR + file;
        try (InputStream in = PtxKernels.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("PtxKernels: resource " + path + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("PtxKernels: cannot read " + path, e);
        }
    }
}
