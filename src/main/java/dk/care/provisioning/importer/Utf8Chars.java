package dk.care.provisioning.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * Decodes a byte stream as strict UTF-8, a buffer at a time, so that a file of any size is read in
 * constant memory. Unlike an {@code InputStreamReader}, it hands out every character before the first
 * invalid byte and only then fails, so the caller knows exactly where the bad byte is.
 */
final class Utf8Chars {

    static final int END = -1;
    private static final int BUFFER = 64 * 1024;

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER).flip();
    private final CharBuffer chars = CharBuffer.allocate(BUFFER).flip();
    private boolean endOfInput;
    private boolean flushed;
    private @Nullable String invalidBytes;

    Utf8Chars(InputStream in) {
        this.in = in;
    }

    /** The next character, or {@link #END}; throws {@link InvalidUtf8} where the input stops being UTF-8. */
    int read() throws IOException {
        if (!chars.hasRemaining() && !fill()) {
            return END;
        }
        return chars.get();
    }

    private boolean fill() throws IOException {
        if (invalidBytes != null) {
            throw new InvalidUtf8(invalidBytes);
        }
        chars.clear();
        while (chars.position() == 0) {
            CoderResult result = decoder.decode(bytes, chars, endOfInput);
            if (result.isError()) {
                int length = Math.min(result.length(), bytes.remaining());
                byte[] bad = new byte[length];
                bytes.get(bytes.position(), bad);
                invalidBytes = HexFormat.ofDelimiter(" ").withPrefix("0x").withUpperCase().formatHex(bad);
                break;
            }
            if (result.isOverflow()) {
                break;
            }
            if (endOfInput) {
                if (!flushed) {
                    decoder.flush(chars);
                    flushed = true;
                }
                break;
            }
            bytes.compact();
            int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (read < 0) {
                endOfInput = true;
            } else {
                bytes.position(bytes.position() + read);
            }
            bytes.flip();
        }
        chars.flip();
        if (!chars.hasRemaining() && invalidBytes != null) {
            throw new InvalidUtf8(invalidBytes);
        }
        return chars.hasRemaining();
    }

    /** The input is not UTF-8 at the current position. */
    static final class InvalidUtf8 extends IOException {

        final String bytes;

        InvalidUtf8(String bytes) {
            super("invalid UTF-8 bytes " + bytes);
            this.bytes = bytes;
        }
    }
}
