package dev.nabla.cuda;

import dev.nabla.kernels.LaunchGeometry;

/**
 * One kernel launch, fully decided on the host: the entry point, its geometry and its arguments.
 * Built by the pure factories of {@link ElementwiseCalls} and {@link KernelCalls}, so what the backend
 * would launch can be checked without a GPU.
 *
 * @param kernel the entry point
 * @param geometry the launch geometry
 * @param args the arguments
 */
record KernelCall(String kernel, LaunchGeometry geometry, KernelArgs args) {
}
