package dev.nabla;

import java.util.Locale;

/** Renders tensors for humans, abbreviating large ones the way NumPy does. */
final class TensorFormat {

    private static final int SUMMARY_THRESHOLD = 1000;
    private static final int EDGE_ITEMS = 3;

    private TensorFormat() {
    }

    static String format(Tensor t) {
        StringBuilder sb = new StringBuilder("tensor(");
        double[] values = t.dtype().isFloating() ? t.toDoubleArray() : null;
        long[] ints = values == null ? t.toLongArray() : null;
        boolean summarise = t.numel() > SUMMARY_THRESHOLD;
        appendDim(sb, t.dims(), 0, 0, values, ints, summarise, "tensor(".length());
        sb.append(", shape=").append(t.shape()).append(", dtype=").append(t.dtype().id()).append(", device=")
                .append(t.device());
        if (t.requiresGrad()) {
            sb.append(t.gradFn() != null ? ", gradFn=" + t.gradFn().op() : ", requiresGrad=true");
        }
        return sb.append(')').toString();
    }

    private static void appendDim(StringBuilder sb, int[] shape, int dim, int base, double[] values, long[] ints,
            boolean summarise, int indent) {
        if (dim == shape.length) {
            sb.append(values != null ? number(values[base]) : Long.toString(ints[base]));
            return;
        }
        int stride = 1;
        for (int d = dim + 1; d < shape.length; d++) {
            stride *= shape[d];
        }
        sb.append('[');
        int n = shape[dim];
        for (int i = 0; i < n; i++) {
            if (summarise && n > 2 * EDGE_ITEMS && i == EDGE_ITEMS) {
                sb.append("...");
                i = n - EDGE_ITEMS - 1;
                separator(sb, shape, dim, indent);
                continue;
            }
            appendDim(sb, shape, dim + 1, base + i * stride, values, ints, summarise, indent);
            if (i < n - 1) {
                separator(sb, shape, dim, indent);
            }
        }
        sb.append(']');
    }

    private static void separator(StringBuilder sb, int[] shape, int dim, int indent) {
        if (dim == shape.length - 1) {
            sb.append(", ");
        } else {
            sb.append(",\n").append(" ".repeat(indent + dim + 1));
        }
    }

    private static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        double a = Math.abs(v);
        return a != 0 && (a >= 1e6 || a < 1e-4) ? String.format(Locale.ROOT, "%.4e", v)
                : String.format(Locale.ROOT, "%.4f", v);
    }
}
