package dev.nabla.nn.transformer;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Tensor;
import dev.nabla.nn.Embedding;
import dev.nabla.nn.Module;
import dev.nabla.nn.Parameter;

/**
 * Adds position information to {@code [B, L, d]} inputs: the fixed sinusoids of "Attention Is
 * All You Need" ({@code PE(p, 2i) = sin(p / 10000^(2i/d))}, {@code PE(p, 2i+1) = cos(...)}), or a
 * learned table.
 */
public class PositionalEncoding extends Module {

    private final int maxLength;
    private final int dModel;
    private final Parameter table;
    private final Embedding learned;

    private PositionalEncoding(int maxLength, int dModel, boolean learnedTable) {
        if (maxLength <= 0 || dModel <= 0) {
            throw new IllegalArgumentException("PositionalEncoding: sizes must be positive, got maxLength=" + maxLength
                    + " dModel=" + dModel);
        }
        this.maxLength = maxLength;
        this.dModel = dModel;
        this.learned = learnedTable ? registerModule("embedding", new Embedding(maxLength, dModel)) : null;
        this.table = learnedTable ? null : registerBuffer("pe", sinusoids(maxLength, dModel, DType.FLOAT32, Device.best()));
    }

    /** Fixed sinusoidal encodings for up to {@code maxLength} positions. */
    public static PositionalEncoding sinusoidal(int maxLength, int dModel) {
        return new PositionalEncoding(maxLength, dModel, false);
    }

    /** A trained table of {@code maxLength} position vectors. */
    public static PositionalEncoding learned(int maxLength, int dModel) {
        return new PositionalEncoding(maxLength, dModel, true);
    }

    /** The sinusoid table computed in double and rounded once to {@code dtype}. */
    static Tensor sinusoids(int maxLength, int dModel, DType dtype, Device device) {
        double[] pe = new double[maxLength * dModel];
        for (int p = 0; p < maxLength; p++) {
            for (int i = 0; i < dModel; i++) {
                double angle = p / Math.pow(10000, (i - i % 2) / (double) dModel);
                pe[p * dModel + i] = i % 2 == 0 ? Math.sin(angle) : Math.cos(angle);
            }
        }
        return Tensor.of(pe, maxLength, dModel).to(dtype).to(device);
    }

    /** Converts like every module, but recomputes a sinusoid table in the new dtype rather than casting a rounded one. */
    @Override
    public Module to(DType dtype) {
        super.to(dtype);
        if (table != null && dtype.isFloating()) {
            table.set(sinusoids(maxLength, dModel, dtype, table.get().device()));
        }
        return this;
    }

    @Override
    public Tensor forward(Tensor x) {
        return forward(x, 0);
    }

    /** Adds the encodings of positions {@code offset .. offset+L-1} (offset > 0 in incremental decoding). */
    public Tensor forward(Tensor x, int offset) {
        int length = x.size(1);
        if (offset < 0 || offset + length > maxLength) {
            throw new IllegalArgumentException("PositionalEncoding: positions " + offset + ".." + (offset + length - 1)
                    + " exceed the maximum length " + maxLength);
        }
        Tensor positions = learned != null
                ? learned.forward(Tensor.arange(offset, offset + length, 1, DType.INT64, x.device()))
                : table.get().narrow(0, offset, length);
        return x.add(positions.to(x.dtype()));
    }
}
