package dev.nabla.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
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
}
