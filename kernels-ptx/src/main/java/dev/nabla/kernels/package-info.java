/**
 * Nabla's hand-written CUDA kernels as PTX resources: {@link dev.nabla.kernels.PtxKernels} reads modules and the
 * entry-point manifest from the classpath, {@link dev.nabla.kernels.LaunchGeometry} computes grid and block sizes,
 * {@link dev.nabla.kernels.StridedLayout} packs the {@code NdLayout} kernel argument, and the op-code enums name
 * the {@code op} arguments. Nothing here touches a GPU or JCuda.
 */
package dev.nabla.kernels;
