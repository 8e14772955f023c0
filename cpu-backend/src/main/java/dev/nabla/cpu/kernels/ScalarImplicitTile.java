package dev.nabla.cpu.kernels;

import java.util.Arrays;

/** {@link ImplicitTile} as plain loops, for JVMs without the Vector API. */
final class ScalarImplicitTile implements ImplicitTile {

    @Override
    public void tile(float[] src, int[] rows, int rb, int[] cols, int p0, int p1, float[] panel, int at, float[] out) {
        Arrays.fill(out, 0, ROWS * COLS, 0f);
        for (int p = p0, b = at; p < p1; p++, b += COLS) {
            for (int i = 0; i < ROWS; i++) {
                float a = src[rows[rb + i] + cols[p]];
                for (int j = 0; j < COLS; j++) {
                    out[i * COLS + j] += a * panel[b + j];
                }
            }
        }
    }
}
