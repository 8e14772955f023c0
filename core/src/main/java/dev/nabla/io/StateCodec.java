package dev.nabla.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.nabla.Tensor;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Splits a state map of tensors and numbers (an optimizer's or a schedule's) into what a
 * safetensors file holds: tensors under {@code prefix + key}, numbers as one flat JSON object
 * string for the metadata. Doubles are written in Java's shortest round-trip form, so they read
 * back bit for bit; non-finite values travel as the strings "Infinity", "-Infinity" and "NaN".
 */
final class StateCodec {

    private static final JsonFactory JSON = new JsonFactory();

    private StateCodec() {
    }

    /** Puts the tensors of {@code state} into {@code tensorsOut} and returns its numbers as JSON. */
    static String encode(String prefix, Map<String, Object> state, Map<String, Tensor> tensorsOut) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(text)) {
            g.writeStartObject();
            for (Map.Entry<String, Object> e : state.entrySet()) {
                String k = e.getKey();
                Object v = e.getValue();
                if (v instanceof Tensor t) {
                    tensorsOut.put(prefix + k, t);
                } else if (v instanceof Double || v instanceof Float) {
                    double d = ((Number) v).doubleValue();
                    if (Double.isFinite(d)) {
                        g.writeNumberField(k, d);
                    } else {
                        g.writeStringField(k, Double.toString(d));
                    }
                } else if (v instanceof Number n) {
                    g.writeNumberField(k, n.longValue());
                } else {
                    throw new IllegalArgumentException("TrainingCheckpoint: state entry '" + k + "' is neither a tensor "
                            + "nor a number: " + v);
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("TrainingCheckpoint: cannot encode the state", e);
        }
        return text.toString();
    }

    /** The inverse of {@link #encode}: numbers from {@code json}, tensors whose names start with {@code prefix}. */
    static Map<String, Object> decode(String prefix, String json, Map<String, Tensor> tensors) {
        Map<String, Object> out = numbers(json);
        tensors.forEach((name, t) -> {
            if (name.startsWith(prefix)) {
                out.put(name.substring(prefix.length()), t);
            }
        });
        return out;
    }

    /**
     * The members of a flat JSON object of numbers: integers as {@code Long}, other numbers and
     * the strings of non-finite values as {@code Double}.
     *
     * @throws IllegalArgumentException when {@code json} is not such an object
     */
    static Map<String, Object> numbers(String json) {
        Map<String, Object> out = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw malformed(json, null);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                    out.put(key, p.getLongValue());
                } else if (value == JsonToken.VALUE_NUMBER_FLOAT) {
                    out.put(key, p.getDoubleValue());
                } else if (value == JsonToken.VALUE_STRING) {
                    out.put(key, Double.parseDouble(p.getText()));
                } else {
                    throw malformed(json, null);
                }
            }
            if (p.nextToken() != null) {
                throw malformed(json, null);
            }
        } catch (JsonProcessingException | NumberFormatException e) {
            throw malformed(json, e);
        } catch (IOException e) {
            throw new UncheckedIOException("TrainingCheckpoint: cannot read the metadata", e);
        }
        return out;
    }

    private static IllegalArgumentException malformed(String json, Exception cause) {
        return new IllegalArgumentException("TrainingCheckpoint: expected a flat JSON object of numbers in the metadata, "
                + "got " + json, cause);
    }
}
