package dev.nabla.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nabla.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Splits a state map of tensors and numbers (an optimizer's or a schedule's) into what a
 * safetensors file holds: tensors under {@code prefix + key}, numbers as one JSON object string
 * for the metadata. Doubles are written in Java's shortest round-trip form, so they read back
 * bit for bit; non-finite values travel as the strings "Infinity", "-Infinity" and "NaN".
 */
final class StateCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StateCodec() {
    }

    /** Puts the tensors of {@code state} into {@code tensorsOut} and returns its numbers as JSON. */
    static String encode(String prefix, Map<String, Object> state, Map<String, Tensor> tensorsOut) {
        ObjectNode numbers = JSON.createObjectNode();
        state.forEach((k, v) -> {
            if (v instanceof Tensor t) {
                tensorsOut.put(prefix + k, t);
            } else if (v instanceof Double || v instanceof Float) {
                double d = ((Number) v).doubleValue();
                if (Double.isFinite(d)) {
                    numbers.put(k, d);
                } else {
                    numbers.put(k, Double.toString(d));
                }
            } else if (v instanceof Number n) {
                numbers.put(k, n.longValue());
            } else {
                throw new IllegalArgumentException("TrainingCheckpoint: state entry '" + k + "' is neither a tensor nor a "
                        + "number: " + v);
            }
        });
        return numbers.toString();
    }

    /** The inverse of {@link #encode}: numbers from {@code json}, tensors whose names start with {@code prefix}. */
    static Map<String, Object> decode(String prefix, String json, Map<String, Tensor> tensors) {
        Map<String, Object> out = new LinkedHashMap<>();
        JsonNode numbers = parse(json);
        numbers.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            if (v.isIntegralNumber()) {
                out.put(e.getKey(), v.longValue());
            } else if (v.isNumber()) {
                out.put(e.getKey(), v.doubleValue());
            } else {
                out.put(e.getKey(), Double.parseDouble(v.asText()));
            }
        });
        tensors.forEach((name, t) -> {
            if (name.startsWith(prefix)) {
                out.put(name.substring(prefix.length()), t);
            }
        });
        return out;
    }

    static JsonNode parse(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("TrainingCheckpoint: expected a JSON object in the metadata, got " + json);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("TrainingCheckpoint: malformed JSON in the metadata: " + json, e);
        }
    }
}
