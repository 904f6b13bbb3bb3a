package dk.care.provisioning.importer;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A streaming reader of an HR export: RFC 4180 CSV in strict UTF-8, with or without a byte order
 * mark, a header row, and {@code ;} or {@code ,} as separator (whichever the header uses). Reads one
 * row at a time in constant memory, so the size of the file does not matter; every field, row and
 * header is bounded. Every problem is a {@link BadInputException} naming the line and column.
 *
 * <p>Line ends may be CRLF, LF or CR; blank lines are skipped. A field that starts with a quote runs
 * to the next lone quote ({@code ""} is a quote inside it) and may span lines; a quote inside an
 * unquoted field is kept as it is, as spreadsheets write it.
 */
final class CsvFile implements Closeable {

    static final int MAX_FIELD_LENGTH = 4_096;
    static final int MAX_COLUMNS = 500;

    private static final char BYTE_ORDER_MARK = '\uFEFF';
    private static final char QUOTE = '"';
    private static final char NEW_LINE = '\n';

    private final String name;
    private final InputStream stream;
    private final Chars chars;
    private final char separator;
    private final List<String> header;
    private final boolean byteOrderMark;
    private long rows;

    private CsvFile(String name, InputStream stream, Chars chars, char separator, List<String> header,
                    boolean byteOrderMark) {
        this.name = name;
        this.stream = stream;
        this.chars = chars;
        this.separator = separator;
        this.header = header;
        this.byteOrderMark = byteOrderMark;
    }

    /** Opens {@code file}, counting the bytes read into {@code bytesRead} (for progress). */
    static CsvFile open(Path file, AtomicLong bytesRead) throws IOException, BadInputException {
        InputStream stream = new FilterInputStream(Files.newInputStream(file)) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int read = super.read(buffer, offset, length);
                bytesRead.addAndGet(Math.max(read, 0));
                return read;
            }
        };
        try {
            return open(file.getFileName().toString(), stream);
        } catch (IOException | BadInputException | RuntimeException e) {
            stream.close();
            throw e;
        }
    }

    /** Reads the header; {@code name} is the file name used in error messages. */
    static CsvFile open(String name, InputStream stream) throws IOException, BadInputException {
        Chars chars = new Chars(name, new Utf8Chars(stream), 1);
        boolean byteOrderMark = chars.peek() == BYTE_ORDER_MARK;
        if (byteOrderMark) {
            chars.skipByteOrderMark();
        }
        String headerText = chars.headerLine();
        if (headerText.isBlank()) {
            throw BadInputException.at(name, 1, 1, "the file is empty; expected a header row naming the columns");
        }
        char separator = separatorOf(name, headerText);
        var headerChars = new Chars(name,
                new Utf8Chars(new ByteArrayInputStream(headerText.getBytes(StandardCharsets.UTF_8))), 1);
        // Not blank, so the header line is one record.
        List<String> header = Objects.requireNonNull(new Records(headerChars, separator, MAX_COLUMNS).next())
                .stream().map(String::strip).toList();
        return new CsvFile(name, stream, chars, separator, header, byteOrderMark);
    }

    /** The separator the header uses outside quotes; a header with one column uses neither. */
    private static char separatorOf(String name, String headerText) throws BadInputException {
        int semicolons = 0;
        int commas = 0;
        boolean quoted = false;
        for (int i = 0; i < headerText.length(); i++) {
            char c = headerText.charAt(i);
            if (c == QUOTE) {
                quoted = !quoted;
            } else if (!quoted && c == ';') {
                semicolons++;
            } else if (!quoted && c == ',') {
                commas++;
            }
        }
        if (semicolons > 0 && semicolons == commas) {
            throw BadInputException.at(name, 1, 1, "the header has as many ';' as ',' outside quotes, so the "
                    + "separator is unclear; quote the column names that contain the other character");
        }
        return semicolons > commas ? ';' : ',';
    }

    String name() {
        return name;
    }

    List<String> header() {
        return header;
    }

    char separator() {
        return separator;
    }

    boolean byteOrderMark() {
        return byteOrderMark;
    }

    /** The next data row, or null after the last; a row must have exactly as many fields as the header. */
    @Nullable CsvRow next() throws IOException, BadInputException {
        var records = new Records(chars, separator, header.size());
        List<String> fields = records.next();
        if (fields == null) {
            return null;
        }
        if (fields.size() < header.size()) {
            throw BadInputException.at(name, records.startLine, 1, "the row has " + fields.size()
                    + " fields, the header has " + header.size() + " columns");
        }
        return new CsvRow(++rows, records.startLine, fields);
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }

    /** Parses records from {@link Chars}; one instance per record, so its state starts clean. */
    private static final class Records {

        private final Chars chars;
        private final char separator;
        private final int maxFields;
        private long startLine;

        Records(Chars chars, char separator, int maxFields) {
            this.chars = chars;
            this.separator = separator;
            this.maxFields = maxFields;
        }

        /** The fields of the next record, null at the end of the input. */
        @Nullable List<String> next() throws IOException, BadInputException {
            int c;
            do {
                startLine = chars.line;
                c = chars.read();
            } while (c == NEW_LINE);
            if (c == Utf8Chars.END) {
                return null;
            }
            List<String> fields = new ArrayList<>();
            var field = new StringBuilder();
            while (true) {
                long fieldLine = chars.line;
                long fieldColumn = chars.column - 1;
                if (fields.size() == maxFields) {
                    throw chars.errorAt(fieldLine, fieldColumn, maxFields == MAX_COLUMNS
                            ? "more than " + MAX_COLUMNS + " columns"
                            : "the row has more fields than the header's " + maxFields + " columns");
                }
                field.setLength(0);
                if (c == QUOTE) {
                    c = quoted(field, fieldLine, fieldColumn);
                } else {
                    while (c != separator && c != NEW_LINE && c != Utf8Chars.END) {
                        append(field, c, fieldLine, fieldColumn);
                        c = chars.read();
                    }
                }
                fields.add(field.toString());
                if (c != separator) {
                    return fields;
                }
                c = chars.read();
            }
        }

        /** Reads a quoted field after its opening quote; returns the character after the closing quote. */
        private int quoted(StringBuilder field, long line, long column) throws IOException, BadInputException {
            while (true) {
                int c = chars.read();
                if (c == Utf8Chars.END) {
                    throw chars.errorAt(line, column, "the quoted field starting here is never closed");
                }
                if (c == QUOTE) {
                    int after = chars.read();
                    if (after != QUOTE) {
                        if (after != separator && after != NEW_LINE && after != Utf8Chars.END) {
                            throw chars.errorAt(chars.line, chars.column - 1, "'" + (char) after
                                    + "' after a closing quote; a quote inside a quoted field is written \"\"");
                        }
                        return after;
                    }
                }
                append(field, c, line, column);
            }
        }

        private void append(StringBuilder field, int c, long line, long column) throws BadInputException {
            if (c == 0) {
                throw chars.errorAt(chars.line, chars.column - 1,
                        "NUL character; the file is not UTF-8 text (UTF-16, or not a CSV file at all?)");
            }
            if (field.length() == MAX_FIELD_LENGTH) {
                throw chars.errorAt(line, column, "the field is longer than " + MAX_FIELD_LENGTH + " characters");
            }
            field.append((char) c);
        }
    }

    /**
     * Characters with their position: CRLF and CR read as LF, {@code line} and {@code column} are those
     * of the next character. An invalid byte becomes an error at its own position.
     */
    private static final class Chars {

        private final String file;
        private final Utf8Chars source;
        private int peeked = -2;
        long line;
        long column = 1;

        Chars(String file, Utf8Chars source, long line) {
            this.file = file;
            this.source = source;
            this.line = line;
        }

        int peek() throws IOException, BadInputException {
            if (peeked == -2) {
                peeked = raw();
            }
            return peeked;
        }

        void skipByteOrderMark() throws IOException, BadInputException {
            peek();
            peeked = -2;
        }

        int read() throws IOException, BadInputException {
            int c = peek();
            peeked = -2;
            if (c == '\r') {
                if (peek() == NEW_LINE) {
                    peeked = -2;
                }
                c = NEW_LINE;
            }
            if (c == NEW_LINE) {
                line++;
                column = 1;
            } else if (c != Utf8Chars.END) {
                column++;
            }
            return c;
        }

        /** The text of the first record, up to its line end outside quotes, which is consumed. */
        String headerLine() throws IOException, BadInputException {
            var text = new StringBuilder();
            boolean quoted = false;
            int c;
            while ((c = read()) != Utf8Chars.END && (quoted || c != NEW_LINE)) {
                if (c == 0) {
                    throw errorAt(line, column - 1,
                            "NUL character; the file is not UTF-8 text (UTF-16, or not a CSV file at all?)");
                }
                if (text.length() == MAX_COLUMNS * 256) {
                    throw errorAt(1, 1, "the header row is longer than " + MAX_COLUMNS * 256 + " characters");
                }
                if (c == QUOTE) {
                    quoted = !quoted;
                }
                text.append((char) c);
            }
            return text.toString();
        }

        private int raw() throws IOException, BadInputException {
            try {
                return source.read();
            } catch (Utf8Chars.InvalidUtf8 e) {
                throw errorAt(line, column, "bytes " + e.bytes + " are not UTF-8; save the file as UTF-8 "
                        + "(it may be Latin-1 or Windows-1252, as older spreadsheets write)");
            }
        }

        BadInputException errorAt(long atLine, long atColumn, String problem) {
            return BadInputException.at(file, atLine, atColumn, problem);
        }
    }
}
