package dev.nabla.cuda;

import static dev.nabla.cuda.DriverCalls.check;

import dev.nabla.kernels.KernelSignature;
import dev.nabla.kernels.LaunchGeometry;
import dev.nabla.kernels.PtxKernels;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import jcuda.Pointer;
import jcuda.driver.CUfunction;
import jcuda.driver.CUjit_option;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;
import jcuda.driver.JITOptions;

/**
 * Loads the PTX modules of {@code nabla-kernels-ptx} into one context on first use (JIT-compiled by
 * the driver for the device, {@code cuModuleLoadDataEx} through JCuda's {@code cuModuleLoadDataJIT})
 * and launches their kernels on the context's stream. Modules and functions are cached for the
 * context's lifetime. Arguments are checked against the manifest before every launch. Callers hold
 * the backend's lock, so the caches need no synchronisation of their own.
 */
final class KernelLauncher implements AutoCloseable {

    private static final int JIT_LOG_BYTES = 16 * 1024;

    private final CudaContext context;
    private final Map<String, CUmodule> modules = new HashMap<>();
    private final Map<String, CUfunction> functions = new HashMap<>();

    KernelLauncher(CudaContext context) {
        this.context = context;
    }

    /** Launches {@code kernel} with {@code geometry} on the context's stream (asynchronously). */
    void launch(String kernel, LaunchGeometry geometry, KernelArgs args) {
        KernelSignature signature = PtxKernels.signature(kernel);
        args.checkAgainst(signature);
        CUfunction function = functions.computeIfAbsent(kernel, name -> lookup(signature));
        check("cuLaunchKernel(" + kernel + ")", JCudaDriver.cuLaunchKernel(function,
                geometry.gridX(), geometry.gridY(), geometry.gridZ(),
                geometry.blockX(), geometry.blockY(), geometry.blockZ(),
                geometry.sharedMemoryBytes(), context.stream(), args.toKernelParams(), null));
    }

    private CUfunction lookup(KernelSignature signature) {
        CUmodule module = modules.computeIfAbsent(signature.module(), KernelLauncher::load);
        CUfunction function = new CUfunction();
        check("cuModuleGetFunction(" + signature.name() + ")",
                JCudaDriver.cuModuleGetFunction(function, module, signature.name()));
        return function;
    }

    /** JIT-compiles one module; a failure carries the driver's JIT error log in its message. */
    private static CUmodule load(String name) {
        byte[] text = PtxKernels.ptx(name).getBytes(StandardCharsets.US_ASCII);
        byte[] image = Arrays.copyOf(text, text.length + 1); // NUL-terminated, as the driver reads PTX images
        JITOptions options = new JITOptions();
        options.putBytes(CUjit_option.CU_JIT_ERROR_LOG_BUFFER, new byte[JIT_LOG_BYTES]);
        options.putInt(CUjit_option.CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES, JIT_LOG_BYTES);
        CUmodule module = new CUmodule();
        int result = JCudaDriver.cuModuleLoadDataJIT(module, Pointer.to(image), options);
        if (result != CUresult.CUDA_SUCCESS) {
            String log = options.getString(CUjit_option.CU_JIT_ERROR_LOG_BUFFER);
            throw new CudaDriverException("cuModuleLoadDataEx(" + name + ".ptx; JIT log: "
                    + (log == null || log.isBlank() ? "empty" : log.strip()) + ")", result, CUresult.stringFor(result));
        }
        return module;
    }

    /** Unloads every module loaded into the context. */
    @Override
    public void close() {
        functions.clear();
        for (CUmodule module : modules.values()) {
            check("cuModuleUnload", JCudaDriver.cuModuleUnload(module));
        }
        modules.clear();
    }
}
