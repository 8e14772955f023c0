package dev.nabla.data.io;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text into records, RFC 4180 style: cells separated by one delimiter character,
 * records by a line break ({@code \n}, {@code \r\n} or {@code \r}); a cell may be wrapped in double
 * quotes, inside which delimiters and line breaks are plain text and {@code ""} is one quote.
 * Spaces and tabs around a cell (outside its quotes) are dropped, a leading byte-order mark is
 * skipped, and blank lines are skipped. Errors name the source, the line and the column (the
 * 1-based cell number), including a malformed byte in a file read through {@link StrictUtf8Reader}.
 */
final class CsvTokenizer {

    /** One record: its cells and the line it starts on. */
    record Record(int line, String[] cells) {
    }

    private static final int BOM = 0xFEFF;

    private final Reader in;
    private final char delimiter;
    private final String source;
    private final char[] buffer = new char[1 << 13];
    private int length;
    private int at;
    private int line = 1;
    private int column = 1;
    private boolean started;
    private boolean eof;

    CsvTokenizer(Reader in, char delimiter, String source) {
        this.in = in;
        this.delimiter = delimiter;
        this.source = source;
    }

    /** The next non-blank record, or null at the end of the input. */
    Record next() {
        while (true) {
            int c = peek();
            if (c < 0) {
                return null;
            }
            int startLine = line;
            List<String> cells = new ArrayList<>();
            column = 1;
            boolean blank = true;
            while (true) {
                CellEnd end = cell(cells, startLine);
                blank &= end.blank;
                if (end.terminator != delimiter) {
                    break;
                }
                column++;
            }
            if (!(blank && cells.size() == 1)) {
                return new Record(startLine, cells.toArray(new String[0]));
            }
        }
    }

    /** How a cell ended: at a delimiter, a line break or the end (-1), and whether it was empty and unquoted. */
    private record CellEnd(int terminator, boolean blank) {
    }

    private CellEnd cell(List<String> cells, int recordLine) {
        skipSpaces();
        StringBuilder text = new StringBuilder();
        boolean quoted = peek() == '"';
        if (quoted) {
            int quoteLine = line;
            take();
            while (true) {
                int c = take();
                if (c < 0) {
                    throw error(quoteLine, "the quoted cell that starts here is never closed");
                }
                if (c == '"') {
                    if (peek() != '"') {
                        break;
                    }
                    take();
                }
                text.append((char) c);
            }
            skipSpaces();
        }
        while (true) {
            int c = peek();
            if (c < 0 || c == delimiter || c == '\n' || c == '\r') {
                if (c >= 0) {
                    take();
                    if (c == '\r' && peek() == '\n') {
                        take();
                    }
                }
                String cell = quoted ? text.toString() : stripSpaces(text.toString());
                cells.add(cell);
                return new CellEnd(c, !quoted && cell.isEmpty());
            }
            if (quoted) {
                throw error(line, "characters after the closing quote of a quoted cell");
            }
            if (c == '"') {
                throw error(line, "a double quote inside an unquoted cell (quote the whole cell and double the quote)");
            }
            text.append((char) take());
        }
    }

    /** Whether {@code c} is padding around a cell: a space or a tab that is not the delimiter. */
    private boolean isPadding(int c) {
        return (c == ' ' || c == '\t') && c != delimiter;
    }

    private String stripSpaces(String cell) {
        int end = cell.length();
        while (end > 0 && isPadding(cell.charAt(end - 1))) {
            end--;
        }
        return cell.substring(0, end);
    }

    private void skipSpaces() {
        while (isPadding(peek())) {
            take();
        }
    }

    private int peek() {
        if (at == length && !eof) {
            fill();
        }
        return eof ? -1 : buffer[at];
    }

    private int take() {
        int c = peek();
        if (c >= 0) {
            at++;
            if (c == '\n' || (c == '\r' && peek() != '\n')) {
                line++;
            }
        }
        return c;
    }

    /** Refills the buffer; at the end of the input sets {@code eof}. A leading byte-order mark is dropped. */
    private void fill() {
        try {
            do {
                length = in.read(buffer, 0, buffer.length);
                at = 0;
            } while (length == 0);
            eof = length < 0;
            if (!started && !eof) {
                started = true;
                if (buffer[0] == BOM) {
                    at = 1;
                    if (length == 1) {
                        fill();
                    }
                }
            }
        } catch (CharacterCodingException e) {
            throw error(line, "the bytes are not valid UTF-8 (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("readCsv: cannot read " + source + ": " + e, e);
        }
    }

    private IllegalArgumentException error(int atLine, String problem) {
        return new IllegalArgumentException(String.format("readCsv: %s line %d column %d: %s", source, atLine, column,
                problem));
    }

    private IllegalArgumentException error(int atLine, String problem, Throwable cause) {
        IllegalArgumentException e = error(atLine, problem);
        e.initCause(cause);
        return e;
    }
}
