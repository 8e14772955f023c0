package dev.nabla.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import jcuda.nvptxcompiler.JNvPTXCompiler;
import jcuda.nvptxcompiler.nvPTXCompileResult;
import jcuda.nvptxcompiler.nvPTXCompilerHandle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every committed module compiles in-process with JCuda's PTX compiler (no GPU, no driver) for each target. */
class JNvPtxCompilerTest {

    static Stream<Arguments> modulesAndTargets() {
        return PtxResources.modules().flatMap(m -> Stream.of("sm_75", "sm_80", "sm_90").map(arch -> Arguments.of(m, arch)));
    }

    @ParameterizedTest(name = "{0} for {1}")
    @MethodSource("modulesAndTargets")
    void compiles(String module, String arch) {
        byte[] ptx = (PtxKernels.ptx(module) + "\0").getBytes(StandardCharsets.UTF_8);
        nvPTXCompilerHandle handle = new nvPTXCompilerHandle();
        assertEquals(nvPTXCompileResult.NVPTXCOMPILE_SUCCESS, JNvPTXCompiler.nvPTXCompilerCreate(handle, ptx.length - 1, ptx));
        try {
            int result = JNvPTXCompiler.nvPTXCompilerCompile(handle, 1, new String[] {"--gpu-name=" + arch});
            String log = errorLog(handle);
            if (result != nvPTXCompileResult.NVPTXCOMPILE_SUCCESS) {
                System.err.println("JNvPTXCompiler error log for " + module + " / " + arch + ":\n" + log);
            }
            assertEquals(nvPTXCompileResult.NVPTXCOMPILE_SUCCESS, result,
                    () -> module + " for " + arch + ": " + nvPTXCompileResult.stringFor(result) + "\n" + log);
            long[] size = new long[1];
            JNvPTXCompiler.nvPTXCompilerGetCompiledProgramSize(handle, size);
            assertTrue(size[0] > 0, module + " for " + arch + " produced an empty program");
        } finally {
            JNvPTXCompiler.nvPTXCompilerDestroy(handle);
        }
    }

    private static String errorLog(nvPTXCompilerHandle handle) {
        long[] size = new long[1];
        JNvPTXCompiler.nvPTXCompilerGetErrorLogSize(handle, size);
        if (size[0] <= 1) {
            return "";
        }
        byte[] log = new byte[(int) size[0]];
        JNvPTXCompiler.nvPTXCompilerGetErrorLog(handle, log);
        return new String(log, 0, log.length - 1, StandardCharsets.UTF_8);
    }
}
