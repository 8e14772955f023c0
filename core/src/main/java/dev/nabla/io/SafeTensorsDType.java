package dev.nabla.io;

import dev.nabla.DType;
import dev.nabla.Tensor;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The safetensors element types this reader understands, with how each becomes a Nabla tensor:
 * floats as FLOAT32/FLOAT64 (F16 and BF16 widened to FLOAT32), integers and booleans as INT64.
 */
enum SafeTensorsDType {
    F64(8), F32(4), F16(2), BF16(2), I64(8), I32(4), I16(2), I8(1), U8(1), U16(2), U32(4), BOOL(1);

    private final int bytes;

    SafeTensorsDType(int bytes) {
        this.bytes = bytes;
    }

    int bytes() {
        return bytes;
    }

    static SafeTensorsDType parse(String name, String tensor) {
        for (SafeTensorsDType d : values()) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("SafeTensors.read: tensor '" + tensor + "' has dtype " + name
                + ", which this reader does not support (supported: " + Arrays.toString(values()) + ")");
    }

    /** The type written for a Nabla dtype. */
    static SafeTensorsDType of(DType dtype) {
        switch (dtype) {
            case FLOAT32:
                return F32;
            case FLOAT64:
                return F64;
            default:
                return I64;
        }
    }

    /** Decodes {@code n} little-endian elements from {@code buf} into a tensor of {@code shape}. */
    Tensor decode(ByteBuffer buf, int n, int... shape) {
        switch (this) {
            case F64: {
                double[] d = new double[n];
                buf.asDoubleBuffer().get(d);
                return Tensor.of(d, shape);
            }
            case F32: {
                float[] f = new float[n];
                buf.asFloatBuffer().get(f);
                return Tensor.of(f, shape);
            }
            case F16:
            case BF16: {
                float[] f = new float[n];
                for (int i = 0; i < n; i++) {
                    short bits = buf.getShort(i * 2);
                    f[i] = this == F16 ? HalfFloats.halfToFloat(bits) : Float.intBitsToFloat((bits & 0xffff) << 16);
                }
                return Tensor.of(f, shape);
            }
            default: {
                long[] l = new long[n];
                for (int i = 0; i < n; i++) {
                    l[i] = integerAt(buf, i);
                }
                return Tensor.of(l, shape);
            }
        }
    }

    private long integerAt(ByteBuffer buf, int i) {
        switch (this) {
            case I64:
                return buf.getLong(i * 8);
            case I32:
                return buf.getInt(i * 4);
            case U32:
                return Integer.toUnsignedLong(buf.getInt(i * 4));
            case I16:
                return buf.getShort(i * 2);
            case U16:
                return Short.toUnsignedInt(buf.getShort(i * 2));
            case I8:
                return buf.get(i);
            default: // U8, BOOL
                return Byte.toUnsignedInt(buf.get(i));
        }
    }

    /** Encodes a contiguous tensor of this type's Nabla dtype as little-endian bytes. */
    static void encode(Tensor t, ByteBuffer out) {
        switch (t.dtype()) {
            case FLOAT32:
                out.asFloatBuffer().put(t.toFloatArray());
                break;
            case FLOAT64:
                out.asDoubleBuffer().put(t.toDoubleArray());
                break;
            default:
                out.asLongBuffer().put(t.toLongArray());
        }
    }
}
