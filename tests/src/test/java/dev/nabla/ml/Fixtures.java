package dev.nabla.ml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nabla.Device;
import dev.nabla.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/** The scikit-learn reference values written by {@code tests/fixtures/sklearn_ml.py}. */
final class Fixtures {

    private Fixtures() {
    }

    /** A JSON fixture from {@code src/test/resources/dev/nabla/ml}. */
    static JsonNode json(String name) {
        try (InputStream in = open(name)) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("fixture " + name, e);
        }
    }

    /** scikit-learn's digits: features {@code [1797, 64]} (float64 pixel counts 0..16) and INT64 labels. */
    static Tensor[] digits() {
        double[] x = new double[1797 * 64];
        long[] y = new long[1797];
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(open("digits.csv.gz")),
                StandardCharsets.US_ASCII))) {
            for (int i = 0; i < y.length; i++) {
                String[] cells = in.readLine().split(",");
                for (int j = 0; j < 64; j++) {
                    x[i * 64 + j] = Double.parseDouble(cells[j]);
                }
                y[i] = Long.parseLong(cells[64]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("fixture digits.csv.gz", e);
        }
        return new Tensor[] {Tensor.of(x, 1797, 64).to(Device.CPU), Tensor.of(y, 1797).to(Device.CPU)};
    }

    /** A JSON matrix (array of rows) flattened row-major. */
    static double[] matrix(JsonNode rows) {
        int r = rows.size();
        int c = rows.get(0).size();
        double[] out = new double[r * c];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                out[i * c + j] = rows.get(i).get(j).asDouble();
            }
        }
        return out;
    }

    /** A JSON array of numbers. */
    static double[] vector(JsonNode values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).asDouble();
        }
        return out;
    }

    private static InputStream open(String name) {
        InputStream in = Fixtures.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing test fixture dev/nabla/ml/" + name
                    + "; run tests/fixtures/sklearn_ml.py");
        }
        return in;
    }
}
