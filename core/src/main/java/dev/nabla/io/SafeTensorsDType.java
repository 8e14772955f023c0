package dev.nabla.io;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Tensor;
import dev.nabla.backend.Backends;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The safetensors element types this reader understands, with how each becomes a Nabla tensor:
 * floats as FLOAT32/FLOAT64 (F16 and BF16 widened to FLOAT32), integers and booleans as INT64.
 * Data moves in chunks: a chunk of little-endian bytes is decoded into (or encoded from) a range
 * of a host array, so a tensor of any byte size passes through a small buffer.
 */
enum SafeTensorsDType {
    F64(8), F32(4), F16(2), BF16(2), I64(8), I32(4), I16(2), I8(1), U8(1), U16(2), U32(4), BOOL(1);

    private final int bytes;

    SafeTensorsDType(int bytes) {
        this.bytes = bytes;
    }

    /** The size of one element in the file. */
    int bytes() {
        return bytes;
    }

    /** The type named {@code name} in a header, or null when this reader does not know it. */
    static SafeTensorsDType parse(String name) {
        for (SafeTensorsDType d : values()) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
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

    /** A host array for {@code n} elements of the Nabla dtype this type reads as. */
    Object newArray(int n) {
        switch (this) {
            case F64:
                return new double[n];
            case F32:
            case F16:
            case BF16:
                return new float[n];
            default:
                return new long[n];
        }
    }

    /**
     * Wraps a filled array from {@link #newArray} as a tensor of {@code shape} on the default device,
     * without the copy {@code Tensor.of} makes (a loaded tensor may be most of the heap).
     */
    static Tensor wrap(Object array, int[] shape) {
        return Tensor.fromStorage(Backends.get(Device.best()).upload(array), shape);
    }

    /**
     * Decodes the elements {@code [start, start + count)} of {@code array} from the little-endian
     * bytes at {@code chunk}'s position (which it does not move).
     */
    void decode(ByteBuffer chunk, Object array, int start, int count) {
        int at = chunk.position();
        switch (this) {
            case F64:
                chunk.asDoubleBuffer().get((double[]) array, start, count);
                break;
            case F32:
                chunk.asFloatBuffer().get((float[]) array, start, count);
                break;
            case F16:
            case BF16: {
                float[] f = (float[]) array;
                for (int i = 0; i < count; i++) {
                    short bits = chunk.getShort(at + i * 2);
                    f[start + i] = this == F16 ? HalfFloats.halfToFloat(bits) : Float.intBitsToFloat((bits & 0xffff) << 16);
                }
                break;
            }
            default: {
                long[] l = (long[]) array;
                for (int i = 0; i < count; i++) {
                    l[start + i] = integerAt(chunk, at + i * bytes);
                }
            }
        }
    }

    private long integerAt(ByteBuffer buf, int index) {
        switch (this) {
            case I64:
                return buf.getLong(index);
            case I32:
                return buf.getInt(index);
            case U32:
                return Integer.toUnsignedLong(buf.getInt(index));
            case I16:
                return buf.getShort(index);
            case U16:
                return Short.toUnsignedInt(buf.getShort(index));
            case I8:
                return buf.get(index);
            default: // U8, BOOL
                return Byte.toUnsignedInt(buf.get(index));
        }
    }

    /** The host copy of a tensor that {@link #encode} writes: float[], double[] or long[] after its dtype. */
    static Object hostArray(Tensor t) {
        switch (t.dtype()) {
            case FLOAT32:
                return t.toFloatArray();
            case FLOAT64:
                return t.toDoubleArray();
            default:
                return t.toLongArray();
        }
    }

    /** Encodes a {@link #hostArray} as little-endian bytes at {@code out}'s position, advancing it. */
    static void encode(Object array, ByteBuffer out) {
        if (array instanceof float[] f) {
            out.asFloatBuffer().put(f);
            out.position(out.position() + f.length * 4);
        } else if (array instanceof double[] d) {
            out.asDoubleBuffer().put(d);
            out.position(out.position() + d.length * 8);
        } else {
            long[] l = (long[]) array;
            out.asLongBuffer().put(l);
            out.position(out.position() + l.length * 8);
        }
    }
}
