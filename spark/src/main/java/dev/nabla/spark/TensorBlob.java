package dev.nabla.spark;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Tensor;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tensor as plain serializable data (dtype, shape, host array), for what crosses between Spark's
 * driver and executors: broadcast models, returned state dicts.
 *
 * @param dtype the element type
 * @param shape the shape
 * @param data a {@code float[]}, {@code double[]} or {@code long[]} in row-major order
 */
public record TensorBlob(DType dtype, int[] shape, Object data) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A host copy of {@code t}. */
    public static TensorBlob of(Tensor t) {
        Object data = switch (t.dtype()) {
            case FLOAT32 -> t.toFloatArray();
            case FLOAT64 -> t.toDoubleArray();
            case INT64 -> t.toLongArray();
        };
        return new TensorBlob(t.dtype(), t.shape().toArray(), data);
    }

    /** The tensor on {@code device}. */
    public Tensor toTensor(Device device) {
        Tensor t = switch (dtype) {
            case FLOAT32 -> Tensor.of((float[]) data, shape);
            case FLOAT64 -> Tensor.of((double[]) data, shape);
            case INT64 -> Tensor.of((long[]) data, shape);
        };
        return t.to(device);
    }

    /** Host copies of every tensor of a state dict, in order. */
    public static Map<String, TensorBlob> of(Map<String, Tensor> state) {
        Map<String, TensorBlob> out = new LinkedHashMap<>();
        state.forEach((k, v) -> out.put(k, of(v)));
        return out;
    }

    /** The tensors of {@code blobs} on {@code device}, in order. */
    public static Map<String, Tensor> toTensors(Map<String, TensorBlob> blobs, Device device) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        blobs.forEach((k, v) -> out.put(k, v.toTensor(device)));
        return out;
    }
}
