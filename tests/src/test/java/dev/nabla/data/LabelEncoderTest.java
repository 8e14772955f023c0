package dev.nabla.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.Tensor;
import dev.nabla.data.io.CsvFrame;
import dev.nabla.data.io.CsvReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Class names read from a CSV file become INT64 class indices, as scikit-learn's LabelEncoder assigns them. */
class LabelEncoderTest {

    /** Six rows of iris (UCI), species in file order versicolor, setosa, virginica, with a BOM and a quoted name. */
    private static final String IRIS = "\uFEFFsepal_length,sepal_width,petal_length,petal_width,species\r\n"
            + "7.0,3.2,4.7,1.4,versicolor\r\n"
            + "5.1,3.5,1.4,0.2,setosa\r\n"
            + "6.3,3.3,6.0,2.5,\"virginica\"\r\n"
            + "4.9,3.0,1.4,0.2,setosa\r\n"
            + "6.4,3.2,4.5,1.5,versicolor\r\n"
            + "5.8,2.7,5.1,1.9,virginica\r\n";

    @Test
    void anIrisStyleFileWithTextLabelsBecomesFeaturesAndClassIndices(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("iris.csv"), IRIS.getBytes(StandardCharsets.UTF_8));
        CsvFrame iris = CsvReader.numeric().withHeader(true).readFrame(file);
        assertEquals(List.of("sepal_length", "sepal_width", "petal_length", "petal_width", "species"), iris.names());
        Tensor x = Tensor.of(iris.matrix("sepal_length", "petal_width"), iris.rowCount(), 2);
        assertArrayEquals(new double[] {7.0, 1.4, 5.1, 0.2, 6.3, 2.5, 4.9, 0.2, 6.4, 1.5, 5.8, 1.9}, x.toDoubleArray(), 0);

        LabelEncoder species = LabelEncoder.fit(iris.text("species"));
        assertEquals(List.of("setosa", "versicolor", "virginica"), species.classes());
        Tensor y = species.encodeTensor(iris.text("species"));
        assertEquals(DType.INT64, y.dtype());
        assertArrayEquals(new long[] {1, 0, 2, 0, 1, 2}, y.toLongArray());
        assertEquals("virginica", species.decode(2));
    }

    @Test
    void classesAreSortedByCodePointAsScikitLearnSortsThem() {
        // sklearn 1.2: LabelEncoder().fit(labels).classes_ and .transform(['virginica', 'setosa', '😀', 'ﬁ'])
        String[] labels = {"b", "B", "é", "e", "\uFB01", "\uD83D\uDE00", "setosa", "virginica", "versicolor"};
        LabelEncoder encoder = LabelEncoder.fit(labels);
        assertEquals(List.of("B", "b", "e", "setosa", "versicolor", "virginica", "é", "\uFB01", "\uD83D\uDE00"),
                encoder.classes());
        assertArrayEquals(new long[] {5, 3, 8, 7}, encoder.encode("virginica", "setosa", "\uD83D\uDE00", "\uFB01"));
        assertEquals(9, encoder.classCount());
    }

    @Test
    void unknownNamesAndIndicesAreRefused() {
        LabelEncoder encoder = LabelEncoder.fit("cat", "dog", "cat");
        assertEquals(List.of("cat", "dog"), encoder.classes());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> encoder.encode("dog", "cow"));
        assertTrue(e.getMessage().contains("label 1 'cow' is not one of the 2 classes [cat, dog]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> encoder.decode(2));
        assertThrows(IllegalArgumentException.class, () -> LabelEncoder.fit("a", null));
    }
}
