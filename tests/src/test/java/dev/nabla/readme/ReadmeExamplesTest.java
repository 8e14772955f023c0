package dev.nabla.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.readme.examples.ClassicalMl;
import dev.nabla.readme.examples.FirstModel;
import dev.nabla.readme.examples.SequenceModels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's Java code cannot drift: every fenced {@code java} block in README.md is a complete program that
 * stands, letter for letter after its package line, in package {@code dev.nabla.readme.examples} of some module's
 * test sources, where Maven compiles it; the tests here run this module's programs and check what they print (the
 * {@code spark} module runs its own, which need Spark on the class path).
 */
class ReadmeExamplesTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path EXAMPLES = Path.of("src", "test", "java", "dev", "nabla", "readme", "examples");
    /** The modules whose test sources hold README programs: this one, and spark (whose programs need Spark). */
    private static final List<Path> EXAMPLE_FOLDERS = List.of(EXAMPLES, Path.of("..", "spark").resolve(EXAMPLES));
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern CLASS_NAME = Pattern.compile("public class (\\w+)");

    @Test
    void everyJavaBlockOfTheReadmeIsAnExampleProgramVerbatimAndEveryExampleIsShown() throws IOException {
        Set<String> shown = new TreeSet<>();
        Matcher block = JAVA_BLOCK.matcher(Files.readString(README));
        while (block.find()) {
            String code = block.group(1);
            Matcher name = CLASS_NAME.matcher(code);
            assertTrue(name.find(), "a README java block is not a complete program (no public class):\n" + code);
            Path source = EXAMPLE_FOLDERS.stream().map(f -> f.resolve(name.group(1) + ".java")).filter(Files::exists)
                    .findFirst().orElse(null);
            assertTrue(source != null, "README shows " + name.group(1) + ", which is in none of " + EXAMPLE_FOLDERS);
            assertEquals(withoutPackageLine(Files.readString(source)), code,
                    "README's " + name.group(1) + " differs from " + source);
            shown.add(name.group(1));
        }
        Set<String> examples = new TreeSet<>();
        for (Path folder : EXAMPLE_FOLDERS) {
            try (Stream<Path> files = Files.list(folder)) {
                files.map(f -> f.getFileName().toString().replace(".java", "")).forEach(examples::add);
            }
        }
        assertEquals(examples, shown, "every example program is shown in the README, and only those");
    }

    @Test
    void theFirstModelLearnsXor() {
        List<String> out = printed(FirstModel::main);
        assertTrue(number(out.get(0), "accuracy ") > 0.9, out.toString());
    }

    @Test
    void theSequenceModelsRun() {
        List<String> out = printed(SequenceModels::main);
        assertEquals("lstm output [3, 5, 256]", out.get(0));
        assertTrue(out.get(1).startsWith("beam hypotheses ") && !out.get(1).startsWith("beam hypotheses 0,"),
                out.toString());
    }

    @Test
    void theClassicalExamplesFitWell() {
        List<String> out = printed(ClassicalMl::main);
        assertTrue(number(out.get(0), "ridge R² ") > 0.95, out.toString());
        assertTrue(number(out.get(1), "logistic AUC ") > 0.95, out.toString());
        assertTrue(out.get(2).startsWith("k-means centroids [3, 3], GMM mean log-likelihood "), out.toString());
        assertTrue(Double.isFinite(Double.parseDouble(out.get(2).substring(out.get(2).lastIndexOf(' ') + 1))));
    }

    private static String withoutPackageLine(String source) {
        return source.substring(source.indexOf('\n', source.indexOf("package ")) + 1).stripLeading();
    }

    private static double number(String line, String prefix) {
        assertTrue(line.startsWith(prefix), line);
        return Double.parseDouble(line.substring(prefix.length()));
    }

    /** Runs a program's main and returns the lines it printed. */
    private static List<String> printed(Consumer<String[]> main) {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            main.accept(new String[0]);
        } finally {
            System.setOut(original);
        }
        return new ArrayList<>(bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }
}
