package dev.nabla.cpu.kernels;

import jdk.incubator.vector.FloatVector;

/** Reads the preferred float vector width; created reflectively only when the module is present. */
final class VectorWidthProbe implements VectorWidth {

    /** Reflective constructor. */
    public VectorWidthProbe() {
    }

    @Override
    public int preferredBits() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize();
    }
}
