package dev.nabla.cuda;

import jcuda.jcublas.JCublas2;

/** Entry points that load JCuda's own native parts; kept apart so only calling them touches {@code jcuda.*}. */
final class JCudaNatives {

    private JCudaNatives() {
    }

    /** Loads JCublas2's native library (which links {@code libcublas.so.12}); throws an Error when it cannot. */
    static void initializeJcublas() {
        JCublas2.initialize();
    }
}
