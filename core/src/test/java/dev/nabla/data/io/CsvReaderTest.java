package dev.nabla.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parses small hand-written CSV texts. */
class CsvReaderTest {

    private static final String IRIS = """
            sepal_length,sepal_width,species,petal_length
            5.1, 3.5, 0, 1.4

            7.0,3.2,1,4.7
            "6.3",3.3,2,-6e-1
            """;

    @Test
    void readsTableWithHeaderSkippingBlankLines() {
        CsvTable table = CsvReader.numeric().withHeader(true).readTable(new StringReader(IRIS), "iris");
        assertArrayEquals(new String[] {"sepal_length", "sepal_width", "species", "petal_length"}, table.header());
        assertEquals(3, table.rowCount());
        assertEquals(4, table.columnCount());
        assertArrayEquals(new double[] {5.1, 3.5, 0, 1.4}, table.rows()[0]);
        assertArrayEquals(new double[] {6.3, 3.3, 2, -0.6}, table.rows()[2]);
    }

    @Test
    void splitsLabelColumnByNameOrIndex() {
        CsvDataset byName = CsvReader.numeric().withHeader(true).withLabelColumn("species")
                .readDataset(new StringReader(IRIS), "iris");
        CsvDataset byIndex = CsvReader.numeric().withHeader(true).withLabelColumn(2)
                .readDataset(new StringReader(IRIS), "iris");
        for (CsvDataset d : new CsvDataset[] {byName, byIndex}) {
            assertEquals(3, d.rows());
            assertEquals(3, d.cols());
            assertArrayEquals(new String[] {"sepal_length", "sepal_width", "petal_length"}, d.featureNames());
            assertArrayEquals(new double[] {5.1, 3.5, 1.4, 7.0, 3.2, 4.7, 6.3, 3.3, -0.6}, d.features());
            assertArrayEquals(new int[] {0, 1, 2}, d.classLabels());
        }
    }

    @Test
    void defaultLabelIsLastColumnAndDelimiterIsConfigurable() {
        CsvDataset d = CsvReader.numeric().withDelimiter(';').readDataset(new StringReader("1;2;0.5\n3;4;1.5\n"), "t");
        assertArrayEquals(new double[] {1, 2, 3, 4}, d.features());
        assertArrayEquals(new double[] {0.5, 1.5}, d.labels());
        assertEquals(0, d.featureNames().length);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, d::classLabels);
        assertTrue(e.getMessage().contains("0.5"), e.getMessage());
    }

    @Test
    void nonNumericCellReportsLineAndColumn() {
        String text = "a,b\n1,2\n3,x7\n";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvReader.numeric().withHeader(true).readTable(new StringReader(text), "data.csv"));
        assertTrue(e.getMessage().contains("data.csv line 3 column 2: 'x7'"), e.getMessage());
    }

    @Test
    void raggedRowReportsLineAndCounts() {
        String text = "1,2,3\n4,5,6\n\n7,8\n";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvReader.numeric().readTable(new StringReader(text), "data.csv"));
        assertTrue(e.getMessage().contains("data.csv line 4 has 2 columns, expected 3"), e.getMessage());
    }

    @Test
    void emptyCellIsNotANumber() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvReader.numeric().readTable(new StringReader("1,,3\n"), "s"));
        assertTrue(e.getMessage().contains("line 1 column 2: ''"), e.getMessage());
    }

    @Test
    void unknownLabelColumnIsReported() {
        assertThrows(IllegalArgumentException.class, () -> CsvReader.numeric().withLabelColumn(5)
                .readDataset(new StringReader("1,2\n"), "s"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvReader.numeric()
                .withHeader(true).withLabelColumn("y").readDataset(new StringReader("a,b\n1,2\n"), "s"));
        assertTrue(e.getMessage().contains("'y'"), e.getMessage());
    }

    @Test
    void readsFilesAndNamesMissingOnes(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("t.tsv"), "1\t2\n3\t4\n");
        CsvTable table = CsvReader.numeric().withDelimiter('\t').readTable(file);
        assertArrayEquals(new double[] {3, 4}, table.rows()[1]);
        Path missing = dir.resolve("none.csv");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvReader.numeric().readTable(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstName(@TempDir Path dir) throws IOException {
        byte[] text = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
        byte[] bom = new byte[text.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, bom, 3, text.length);
        Path file = Files.write(dir.resolve("bom.csv"), bom);
        assertArrayEquals(new String[] {"a", "b"}, CsvReader.numeric().withHeader(true).readTable(file).header());
        // and without a header, the first number still parses
        assertArrayEquals(new double[] {1, 2}, CsvReader.numeric().readTable(new StringReader("\uFEFF1,2\n"), "s").rows()[0]);
    }

    @Test
    void quotedCellsFollowRfc4180() {
        String text = "name,note,x\n"
                + "\"say \"\"hi\"\"\",\"a,b\",1\n"
                + "\"two\r\nlines\",\"\",2\n"
                + "  \"padded\"  ,plain text , 3 \n";
        CsvFrame frame = CsvReader.numeric().withHeader(true).readFrame(new StringReader(text), "q.csv");
        assertArrayEquals(new String[] {"say \"hi\"", "two\r\nlines", "padded"}, frame.text("name"));
        assertArrayEquals(new String[] {"a,b", "", "plain text"}, frame.text("note"));
        assertArrayEquals(new double[] {1, 2, 3}, frame.numeric("x"));
        IllegalArgumentException open = assertThrows(IllegalArgumentException.class,
                () -> CsvReader.numeric().readFrame(new StringReader("1,2\n3,\"4\n5,6\n"), "open.csv"));
        assertTrue(open.getMessage().contains("open.csv line 2 column 2: the quoted cell that starts here is never closed"),
                open.getMessage());
        IllegalArgumentException after = assertThrows(IllegalArgumentException.class,
                () -> CsvReader.numeric().readFrame(new StringReader("\"a\"b,1\n"), "after.csv"));
        assertTrue(after.getMessage().contains("line 1 column 1: characters after the closing quote"), after.getMessage());
        IllegalArgumentException inner = assertThrows(IllegalArgumentException.class,
                () -> CsvReader.numeric().readFrame(new StringReader("1,a\"b\n"), "inner.csv"));
        assertTrue(inner.getMessage().contains("line 1 column 2: a double quote inside an unquoted cell"),
                inner.getMessage());
    }

    @Test
    void encodingErrorsNameTheLineAndColumn(@TempDir Path dir) throws IOException {
        byte[] head = "a,b\n1,2\n3,".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[head.length + 3];
        System.arraycopy(head, 0, bytes, 0, head.length);
        bytes[head.length] = (byte) 0xC3; // a two-byte sequence cut short by a line break
        bytes[head.length + 1] = '\n';
        bytes[head.length + 2] = '5';
        Path file = Files.write(dir.resolve("latin.csv"), bytes);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvReader.numeric().withHeader(true).readTable(file));
        assertTrue(e.getMessage().contains(file + " line 3 column 2: the bytes are not valid UTF-8"), e.getMessage());
        // past the first buffer of the decoder too
        String many = "1,2\n".repeat(40_000);
        byte[] far = (many + "7,\u00ff\n").getBytes(StandardCharsets.ISO_8859_1);
        Path farFile = Files.write(dir.resolve("far.csv"), far);
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class, () -> CsvReader.numeric().readTable(farFile));
        assertTrue(f.getMessage().contains("line 40001 column 2: the bytes are not valid UTF-8"), f.getMessage());
    }

    @Test
    void javaOnlyNumberSyntaxIsRefused() {
        for (String cell : new String[] {"1d", "2f", "2.5D", "0x1p3", "0x10", "1_000", "1\0", "\u00001", "1e", "--1", "+-1",
            "1.2.3", "Infinityx", "∞", "١"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CsvReader.numeric().readTable(new StringReader("0," + cell + "\n"), "n.csv"), cell);
            assertTrue(e.getMessage().contains("n.csv line 1 column 2: '") && e.getMessage().contains("is not a number"),
                    e.getMessage());
        }
        IllegalArgumentException nul = assertThrows(IllegalArgumentException.class,
                () -> CsvReader.numeric().readTable(new StringReader("1\0\n"), "nul.csv"));
        assertTrue(nul.getMessage().contains("'1\\u0000' is not a number"), nul.getMessage());
        // what numpy.loadtxt and pandas.read_csv accept
        double[] row = CsvReader.numeric().readTable(new StringReader(
                "nan,NaN,-inf,Infinity,+INF,+1.5e3,.5,5.,-0,1E-2\n"), "ok.csv").rows()[0];
        assertTrue(Double.isNaN(row[0]) && Double.isNaN(row[1]));
        assertArrayEquals(new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
            1500, 0.5, 5, -0.0, 0.01}, java.util.Arrays.copyOfRange(row, 2, 10));
    }

    @Test
    void framesTypeEachColumnAndNameMissingOnes() {
        String text = "sepal_length,species\n5.1,setosa\n7.0,versicolor\n6.3,2\n";
        CsvFrame frame = CsvReader.numeric().withHeader(true).readFrame(new StringReader(text), "iris.csv");
        assertEquals(java.util.List.of("sepal_length", "species"), frame.names());
        assertEquals(3, frame.rowCount());
        assertTrue(frame.isNumeric("sepal_length"));
        assertArrayEquals(new String[] {"setosa", "versicolor", "2"}, frame.text("species"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> frame.numeric("species"));
        assertTrue(e.getMessage().contains("holds text such as 'setosa'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> frame.text("sepal_length"));
        assertThrows(IllegalArgumentException.class, () -> frame.numeric("petal"));
        CsvFrame unnamed = CsvReader.numeric().readFrame(new StringReader("1,x\n2,y\n"), "u.csv");
        assertEquals(java.util.List.of("0", "1"), unnamed.names());
        assertArrayEquals(new double[] {1, 2}, unnamed.matrix("0"));
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> CsvReader.numeric().withHeader(true).readFrame(new StringReader("a,a\n1,2\n"), "d.csv"));
        assertTrue(twice.getMessage().contains("two columns named 'a'"), twice.getMessage());
    }
}
