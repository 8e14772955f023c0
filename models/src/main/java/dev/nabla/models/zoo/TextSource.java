package dev.nabla.models.zoo;

import dev.nabla.models.data.TextCorpus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The text a language model trains on: the embedded fables, or a UTF-8 file from {@code --text}. */
final class TextSource {

    private TextSource() {
    }

    /**
     * @param minChars the fewest characters the model can work with
     * @throws IllegalArgumentException when the file is missing, not UTF-8, or too short
     */
    static TextCorpus load(TrainOptions options, int minChars) {
        Path file = options.text();
        if (file == null) {
            return TextCorpus.fables();
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--text " + file + ": file not found");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString().replace("\r\n", "\n");
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("--text " + file + " is not UTF-8 text", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("--text " + file + " cannot be read: " + e.getMessage(), e);
        }
        if (text.length() < minChars) {
            throw new IllegalArgumentException("--text " + file + " has " + text.length() + " characters; need at least "
                    + minChars);
        }
        return TextCorpus.of(text);
    }
}
