package dev.nabla.cuda;

import static dev.nabla.cuda.GemmEngine.advance;

import dev.nabla.DType;
import dev.nabla.kernels.LaunchGeometry;

/** GEMM on the {@code gemm_T} PTX kernel, used when no cuBLAS loads. Row-major: no operand swap. */
final class PtxGemm implements GemmEngine {

    private final KernelLauncher launcher;

    PtxGemm(KernelLauncher launcher) {
        this.launcher = launcher;
    }

    /** The launch of one call of {@code plan} at the given (already offset) addresses. */
    static KernelCall call(DType dtype, GemmPlan plan, long a, long b, long out) {
        return new KernelCall(KernelNames.of("gemm", dtype), LaunchGeometry.gemm(plan.m(), plan.n(), plan.batch()),
                new KernelArgs().pointer(out).pointer(a).pointer(b)
                .i32(plan.m()).i32(plan.n()).i32(plan.k())
                .i32(plan.a().transposed() ? 1 : 0).i32(plan.b().transposed() ? 1 : 0)
                .i32(plan.a().ld()).i32(plan.b().ld()).i32(plan.ldc())
                .scalar(dtype, 1).scalar(dtype, 0)
                .i32(plan.batch()).i32(Math.toIntExact(plan.strideA())).i32(Math.toIntExact(plan.strideB()))
                .i32(Math.toIntExact(plan.strideC())));
    }

    @Override
    public void gemm(DType dtype, GemmPlan plan, long a, long b, long out) {
        for (long[] offsets : plan.calls()) {
            KernelCall call = call(dtype, plan, advance(a, offsets[0], dtype), advance(b, offsets[1], dtype),
                    advance(out, offsets[2], dtype));
            launcher.launch(call.kernel(), call.geometry(), call.args());
        }
    }

    @Override
    public void close() {
        // Nothing to release: the launcher owns the modules.
    }
}
