package dev.nabla.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamReadException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON header of a safetensors file, read strictly and with bounded memory, and written.
 *
 * <p>A header is accepted only when it is strict UTF-8 (no byte-order mark), one JSON object and
 * nothing after it but JSON whitespace (the writer's padding), without duplicate keys at any level,
 * whose {@code __metadata__} is an object of strings and whose every other member is a tensor entry
 * with exactly {@code dtype} (a known name), {@code shape} (non-negative integers that fit a long)
 * and {@code data_offsets} (two such integers). {@link #dataLength} then checks the layout as the
 * reference implementation's {@code Metadata::validate} does. Memory is bounded by the caps below:
 * the parse streams tokens, so it keeps only the entries, at most {@link #MAX_TENSORS} tensors of
 * rank at most {@link #MAX_RANK} and {@link #MAX_METADATA} metadata strings, all within the
 * {@link #MAX_HEADER_BYTES} header.
 */
final class SafeTensorsHeader {

    /** Headers beyond this size are refused as corrupt (the reference reader uses the same bound). */
    static final long MAX_HEADER_BYTES = 100_000_000L;
    /** The most tensor entries a header may hold. */
    static final int MAX_TENSORS = 100_000;
    /** The most {@code __metadata__} entries a header may hold. */
    static final int MAX_METADATA = 100_000;
    /** The most dimensions a tensor may have. */
    static final int MAX_RANK = 64;

    static final String METADATA = "__metadata__";
    private static final Set<String> ENTRY_FIELDS = Set.of("dtype", "shape", "data_offsets");

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxDocumentLength(MAX_HEADER_BYTES)
                    .maxStringLength((int) MAX_HEADER_BYTES)
                    .maxNameLength((int) MAX_HEADER_BYTES)
                    .maxNumberLength(32) // no integer that fits a long needs more digits
                    .maxNestingDepth(8)
                    .build())
            .build();

    /**
     * One tensor entry.
     *
     * @param name the tensor's name
     * @param dtype its element type
     * @param shape its extents, as written
     * @param begin the first byte of its data, relative to the data section
     * @param end one past its last byte
     */
    record Entry(String name, SafeTensorsDType dtype, long[] shape, long begin, long end) {

        /** The byte count its dtype and shape need, exactly; an error naming the tensor when that passes a long. */
        long byteSize(String source) {
            try {
                long n = dtype.bytes();
                for (long d : shape) {
                    n = Math.multiplyExact(n, d);
                }
                return n;
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("SafeTensors.read: " + source + ": tensor '" + name + "' of dtype "
                        + dtype + " and shape " + Arrays.toString(shape) + " has more bytes than a long can count", e);
            }
        }

        /** The data offsets as the header wrote them. */
        String offsets() {
            return "[" + begin + ", " + end + "]";
        }
    }

    /**
     * A parsed header.
     *
     * @param entries the tensor entries in header order
     * @param metadata the {@code __metadata__} strings in header order (empty when absent)
     */
    record Parsed(List<Entry> entries, Map<String, String> metadata) {
    }

    private SafeTensorsHeader() {
    }

    /**
     * Parses header bytes.
     *
     * @param source the file, for error messages
     * @throws IllegalArgumentException naming the source and the first problem found
     */
    static Parsed parse(byte[] header, String source) {
        if (header.length >= 3 && (header[0] & 0xff) == 0xEF && (header[1] & 0xff) == 0xBB && (header[2] & 0xff) == 0xBF) {
            throw error(source, "the header starts with a UTF-8 byte-order mark, which JSON does not allow");
        }
        // a strict decoder, not Jackson's own byte reader, which would skip a BOM and guess UTF-16/32
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (JsonParser p = JSON.createParser(new InputStreamReader(new ByteArrayInputStream(header), decoder))) {
            return new Reader(p, source).header();
        } catch (CharacterCodingException e) {
            throw error(source, "the header is not valid UTF-8 (" + e + ")", e);
        } catch (StreamReadException e) {
            throw error(source, "the header is not valid JSON: " + e.getOriginalMessage() + " at " + location(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException("SafeTensors.read: " + source + ": reading the header failed", e);
        }
    }

    private static String location(StreamReadException e) {
        return e.getLocation() == null ? "an unknown position"
                : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    /**
     * Checks that the entries tile the data section exactly — sorted by offsets, each starting where
     * the previous one ended, none ending before it starts, each covering exactly the bytes its dtype
     * and shape need — and returns the data length they cover, which must be the rest of the file.
     */
    static long dataLength(List<Entry> entries, String source) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long covered = 0;
        for (Entry e : sorted) {
            if (e.begin() != covered || e.end() < e.begin()) {
                throw error(source, "tensor '" + e.name() + "' has data_offsets " + e.offsets() + " but the tensors before it "
                        + "end at byte " + covered + " (tensors must tile the data section: no gap, no overlap)");
            }
            long bytes = e.byteSize(source);
            if (e.end() - e.begin() != bytes) {
                throw error(source, "tensor '" + e.name() + "' of dtype " + e.dtype() + " and shape "
                        + Arrays.toString(e.shape()) + " needs " + bytes + " bytes but its data_offsets " + e.offsets()
                        + " cover " + (e.end() - e.begin()));
            }
            covered = e.end();
        }
        return covered;
    }

    /** Reads the token stream of one header. */
    private static final class Reader {
        private final JsonParser p;
        private final String source;

        Reader(JsonParser p, String source) {
            this.p = p;
            this.source = source;
        }

        Parsed header() throws IOException {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw error(source, first == null ? "the header is empty" : "the header is not a JSON object");
            }
            List<Entry> entries = new ArrayList<>();
            Set<String> names = new HashSet<>();
            Map<String, String> metadata = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = validText(p.currentName(), "a key");
                if (name.equals(METADATA)) {
                    if (metadata != null) {
                        throw error(source, "the header has two " + METADATA + " entries");
                    }
                    metadata = metadata();
                    continue;
                }
                if (!names.add(name)) {
                    throw error(source, "the header has two entries for tensor '" + name + "'");
                }
                if (entries.size() == MAX_TENSORS) {
                    throw error(source, "the header has more than " + MAX_TENSORS + " tensors, the most this reader accepts");
                }
                entries.add(entry(name));
            }
            if (p.nextToken() != null) {
                throw error(source, "the header has more after its JSON object than whitespace");
            }
            return new Parsed(entries, metadata == null ? Map.of() : metadata);
        }

        private Map<String, String> metadata() throws IOException {
            expect(JsonToken.START_OBJECT, METADATA, "an object of strings");
            Map<String, String> out = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = validText(p.currentName(), "a metadata key");
                if (out.size() == MAX_METADATA) {
                    throw error(source, "the header has more than " + MAX_METADATA + " " + METADATA
                            + " entries, the most this reader accepts");
                }
                expect(JsonToken.VALUE_STRING, METADATA + " value '" + key + "'", "a string");
                if (out.put(key, validText(p.getText(), "a metadata value")) != null) {
                    throw error(source, "the " + METADATA + " key '" + key + "' appears twice");
                }
            }
            return out;
        }

        private Entry entry(String name) throws IOException {
            expect(JsonToken.START_OBJECT, "tensor '" + name + "'", "an object with dtype, shape and data_offsets");
            SafeTensorsDType dtype = null;
            long[] shape = null;
            long[] offsets = null;
            Set<String> seen = new HashSet<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                String what = "tensor '" + name + "' field '" + field + "'";
                if (!ENTRY_FIELDS.contains(field)) {
                    throw error(source, "tensor '" + name + "' has an unknown field '" + field + "' (expected " + ENTRY_FIELDS + ")");
                }
                if (!seen.add(field)) {
                    throw error(source, "tensor '" + name + "' has two '" + field + "' fields");
                }
                switch (field) {
                    case "dtype":
                        expect(JsonToken.VALUE_STRING, what, "a dtype name");
                        dtype = SafeTensorsDType.parse(p.getText());
                        if (dtype == null) {
                            throw error(source, "tensor '" + name + "' has dtype " + p.getText() + ", which this reader "
                                    + "does not support (supported: " + Arrays.toString(SafeTensorsDType.values()) + ")");
                        }
                        break;
                    case "shape":
                        shape = integers(what, MAX_RANK);
                        break;
                    default:
                        offsets = integers(what, 2);
                        if (offsets.length != 2) {
                            throw error(source, what + " must hold two integers, got " + Arrays.toString(offsets));
                        }
                }
            }
            if (seen.size() != ENTRY_FIELDS.size()) {
                throw error(source, "tensor '" + name + "' needs dtype, shape and data_offsets, got only " + seen);
            }
            return new Entry(name, dtype, shape, offsets[0], offsets[1]);
        }

        /** An array of at most {@code max} non-negative integers that fit a long. */
        private long[] integers(String what, int max) throws IOException {
            expect(JsonToken.START_ARRAY, what, "an array of non-negative integers");
            long[] values = new long[max];
            int n = 0;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        || p.getLongValue() < 0) {
                    throw error(source, what + " must hold non-negative integers that fit a long, got " + p.getText());
                }
                if (n == max) {
                    throw error(source, what + " has more than " + max + " entries");
                }
                values[n++] = p.getLongValue();
            }
            return Arrays.copyOf(values, n);
        }

        private void expect(JsonToken token, String what, String description) throws IOException {
            JsonToken t = p.nextToken();
            if (t != token) {
                throw error(source, what + " must be " + description + ", got " + (t == null ? "the end" : p.getText()));
            }
        }

        /** JSON escapes can spell a lone surrogate, which no UTF-8 file can hold: such names and strings are refused. */
        private String validText(String text, String what) {
            if (!isValidUnicode(text)) {
                throw error(source, what + " holds an unpaired surrogate escape, which is not Unicode text");
            }
            return text;
        }
    }

    /** Whether {@code text} has no unpaired surrogate, so that it can be written as UTF-8. */
    static boolean isValidUnicode(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The header for {@code entries} and {@code metadata} as UTF-8 JSON padded with spaces to a
     * multiple of 8 bytes, metadata first, then the tensors in order.
     */
    static byte[] write(List<Entry> entries, Map<String, String> metadata) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            if (!metadata.isEmpty()) {
                g.writeObjectFieldStart(METADATA);
                for (Map.Entry<String, String> m : metadata.entrySet()) {
                    g.writeStringField(m.getKey(), m.getValue());
                }
                g.writeEndObject();
            }
            for (Entry e : entries) {
                g.writeObjectFieldStart(e.name());
                g.writeStringField("dtype", e.dtype().name());
                g.writeFieldName("shape");
                g.writeArray(e.shape(), 0, e.shape().length);
                g.writeFieldName("data_offsets");
                g.writeArray(new long[] {e.begin(), e.end()}, 0, 2);
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("SafeTensors.write: cannot encode the header", e);
        }
        int padding = (8 - out.size() % 8) % 8;
        for (int i = 0; i < padding; i++) {
            out.write(' ');
        }
        return out.toByteArray();
    }

    static IllegalArgumentException error(String source, String problem) {
        return new IllegalArgumentException("SafeTensors.read: " + source + ": " + problem);
    }

    private static IllegalArgumentException error(String source, String problem, Throwable cause) {
        IllegalArgumentException e = error(source, problem);
        e.initCause(cause);
        return e;
    }
}
