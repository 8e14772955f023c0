package dev.nabla.cpu.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ImplicitTile} on 256-bit vectors, laid out like {@link VectorSgemmKernel}: twelve
 * accumulators, two panel vectors and one broadcast per depth step. The six row bases stay in
 * registers; each step reads one column offset. Loaded only when the {@code jdk.incubator.vector}
 * module is present.
 */
final class VectorImplicitTile implements ImplicitTile {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;

    /** Public no-argument constructor: the class is created reflectively so it never loads without the module. */
    public VectorImplicitTile() {
    }

    @Override
    public void tile(float[] src, int[] rows, int rb, int[] cols, int p0, int p1, float[] panel, int at, float[] out) {
        int r0 = rows[rb];
        int r1 = rows[rb + 1];
        int r2 = rows[rb + 2];
        int r3 = rows[rb + 3];
        int r4 = rows[rb + 4];
        int r5 = rows[rb + 5];
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c40 = c00;
        FloatVector c41 = c00;
        FloatVector c50 = c00;
        FloatVector c51 = c00;
        for (int p = p0, b = at; p < p1; p++, b += COLS) {
            int off = cols[p];
            FloatVector b0 = FloatVector.fromArray(S, panel, b);
            FloatVector b1 = FloatVector.fromArray(S, panel, b + 8);
            FloatVector a = FloatVector.broadcast(S, src[r0 + off]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, src[r1 + off]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, src[r2 + off]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, src[r3 + off]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(S, src[r4 + off]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(S, src[r5 + off]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
        }
        c00.intoArray(out, 0);
        c01.intoArray(out, 8);
        c10.intoArray(out, 16);
        c11.intoArray(out, 24);
        c20.intoArray(out, 32);
        c21.intoArray(out, 40);
        c30.intoArray(out, 48);
        c31.intoArray(out, 56);
        c40.intoArray(out, 64);
        c41.intoArray(out, 72);
        c50.intoArray(out, 80);
        c51.intoArray(out, 88);
    }
}
