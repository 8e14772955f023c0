package dev.nabla.cpu.kernels;

/** Reports the JVM's preferred vector width without the caller touching the Vector API. */
interface VectorWidth {

    /** The preferred vector size in bits (for example 256 on AVX2). */
    int preferredBits();
}
