package dev.nabla.cuda;

import dev.nabla.DType;
import dev.nabla.kernels.KernelSignature;
import dev.nabla.kernels.StridedLayout;
import java.util.ArrayList;
import java.util.List;
import jcuda.Pointer;

/**
 * The arguments of one kernel launch, in signature order, kept as typed values so they can be
 * checked against the manifest's C signature before anything reaches the driver. A device pointer
 * is passed as its 64-bit address ({@code Pointer.to(new long[] {address})}), which is exactly what
 * the kernel's pointer parameter holds.
 */
final class KernelArgs {

    /** The C parameter kinds the Nabla kernels use. */
    enum Kind {
        /** Any {@code T*} / {@code const T*}. */
        POINTER,
        /** {@code int}. */
        INT,
        /** {@code float}. */
        FLOAT,
        /** {@code double}. */
        DOUBLE,
        /** {@code unsigned long long}. */
        U64,
        /** The 164-byte {@code NdLayout} struct passed by value. */
        LAYOUT;

        /** The kind of a manifest parameter declaration such as {@code "const float* x"} or {@code "int n"}. */
        static Kind ofDeclaration(String declaration) {
            if (declaration.contains("*")) {
                return POINTER;
            }
            String type = declaration.substring(0, declaration.lastIndexOf(' ')).strip();
            return switch (type) {
                case "int" -> INT;
                case "float" -> FLOAT;
                case "double" -> DOUBLE;
                case "unsigned long long" -> U64;
                case "NdLayout" -> LAYOUT;
                default -> throw new IllegalArgumentException("KernelArgs: unknown parameter type in '" + declaration + "'");
            };
        }
    }

    private record Arg(Kind kind, Object value) {
    }

    private final List<Arg> args = new ArrayList<>();

    /** Appends a device pointer given as an address ({@code 0} for a nullable pointer left out). */
    KernelArgs pointer(long address) {
        return add(Kind.POINTER, address);
    }

    /** Appends an {@code int}. */
    KernelArgs i32(int value) {
        return add(Kind.INT, value);
    }

    /** Appends a {@code float}. */
    KernelArgs f32(float value) {
        return add(Kind.FLOAT, value);
    }

    /** Appends a {@code double}. */
    KernelArgs f64(double value) {
        return add(Kind.DOUBLE, value);
    }

    /** Appends an {@code unsigned long long}. */
    KernelArgs u64(long value) {
        return add(Kind.U64, value);
    }

    /** Appends a scalar of the kernel's element type {@code T}: {@code float} for FLOAT32, {@code double} for FLOAT64. */
    KernelArgs scalar(DType dtype, double value) {
        return switch (dtype) {
            case FLOAT32 -> add(Kind.FLOAT, (float) value);
            case FLOAT64 -> f64(value);
            default -> throw new IllegalArgumentException("KernelArgs.scalar: no kernel element type for " + dtype);
        };
    }

    /** Appends a packed {@code NdLayout} ({@link StridedLayout#pack}). */
    KernelArgs layout(int[] packed) {
        if (packed.length != StridedLayout.PACKED_INTS) {
            throw new IllegalArgumentException("KernelArgs.layout: " + packed.length + " ints, expected "
                    + StridedLayout.PACKED_INTS);
        }
        return add(Kind.LAYOUT, packed.clone());
    }

    private KernelArgs add(Kind kind, Object value) {
        args.add(new Arg(kind, value));
        return this;
    }

    /** The kinds appended so far, in order. */
    List<Kind> kinds() {
        return args.stream().map(Arg::kind).toList();
    }

    /** The value of argument {@code i}: a Long, Integer, Float, Double or int[] (a copy for layouts). */
    Object value(int i) {
        Object v = args.get(i).value();
        return v instanceof int[] packed ? packed.clone() : v;
    }

    /**
     * Checks count and kinds against the kernel's manifest signature, so a wrong argument list fails
     * here with a readable message instead of corrupting a launch.
     */
    void checkAgainst(KernelSignature signature) {
        List<Kind> expected = signature.parameters().stream().map(Kind::ofDeclaration).toList();
        if (!expected.equals(kinds())) {
            throw new IllegalArgumentException("KernelArgs: " + signature.name() + " takes " + expected + " "
                    + signature.parameters() + " but was given " + kinds());
        }
    }

    /** The {@code kernelParams} array for {@code cuLaunchKernel}: one pointer to each argument's value. */
    Pointer toKernelParams() {
        Pointer[] pointers = new Pointer[args.size()];
        for (int i = 0; i < pointers.length; i++) {
            Object v = args.get(i).value();
            pointers[i] = switch (args.get(i).kind()) {
                case POINTER, U64 -> Pointer.to(new long[] {(Long) v});
                case INT -> Pointer.to(new int[] {(Integer) v});
                case FLOAT -> Pointer.to(new float[] {(Float) v});
                case DOUBLE -> Pointer.to(new double[] {(Double) v});
                case LAYOUT -> Pointer.to((int[]) v);
            };
        }
        return Pointer.to(pointers);
    }
}
