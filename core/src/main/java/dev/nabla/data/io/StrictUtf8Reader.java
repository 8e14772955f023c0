package dev.nabla.data.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 strictly and reports a malformed byte exactly where it is: every character before
 * it is returned first, and only the read that reaches it throws. (The JDK's {@code InputStreamReader}
 * throws for the whole buffer, so a caller cannot tell which line held the bad byte.)
 */
final class StrictUtf8Reader extends Reader {

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).flip();
    private boolean eof;
    private boolean flushed;
    private CharacterCodingException pending;

    StrictUtf8Reader(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        if (pending != null) {
            throw pending;
        }
        if (len == 0) {
            return 0;
        }
        CharBuffer out = CharBuffer.wrap(buf, off, len);
        while (true) {
            CoderResult result = decoder.decode(bytes, out, eof);
            int produced = out.position() - off;
            if (result.isError()) {
                CharacterCodingException error = new MalformedInputException(result.length());
                if (produced > 0) {
                    pending = error; // hand out what came before the bad bytes first
                    return produced;
                }
                throw error;
            }
            if (result.isOverflow() || produced > 0) {
                return produced;
            }
            if (eof) {
                if (!flushed) {
                    flushed = true;
                    decoder.flush(out);
                    if (out.position() > off) {
                        return out.position() - off;
                    }
                }
                return -1;
            }
            bytes.compact();
            int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (n < 0) {
                eof = true;
            } else {
                bytes.position(bytes.position() + n);
            }
            bytes.flip();
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
