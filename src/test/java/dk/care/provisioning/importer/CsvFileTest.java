package dk.care.provisioning.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvFileTest {

    @Test
    void readsSemicolonSeparatedUtf8WithByteOrderMarkAndDanishAndSwedishLetters() throws Exception {
        List<List<String>> rows = read("\uFEFFNavn;Afdeling\r\nSøren Ærø;Hjemmeplejen\r\nMärta Östlund;Åbo\r\n");

        assertThat(rows).containsExactly(List.of("Navn", "Afdeling"), List.of("Søren Ærø", "Hjemmeplejen"),
                List.of("Märta Östlund", "Åbo"));
    }

    @Test
    void detectsCommaSeparatorWithoutByteOrderMark() throws Exception {
        try (CsvFile file = open("name,email\nKaren,karen@example.org\n")) {
            assertThat(file.separator()).isEqualTo(',');
            assertThat(file.byteOrderMark()).isFalse();
            assertThat(file.next().fields()).containsExactly("Karen", "karen@example.org");
        }
    }

    @Test
    void quotedFieldsHoldSeparatorsQuotesAndLineBreaks() throws Exception {
        List<List<String>> rows = read("a;b\n\"x; y\";\"say \"\"hej\"\"\"\n\"two\nlines\";5\" tall\n");

        assertThat(rows).containsExactly(List.of("a", "b"), List.of("x; y", "say \"hej\""),
                List.of("two\nlines", "5\" tall"));
    }

    @Test
    void rowsKnowTheirNumberAndTheLineTheyStartOn() throws Exception {
        try (CsvFile file = open("a;b\n\"multi\nline\";1\n\nx;2\n")) {
            CsvRow first = file.next();
            CsvRow second = file.next();
            assertThat(List.of(first.number(), first.line(), second.number(), second.line()))
                    .containsExactly(1L, 2L, 2L, 5L);
            assertThat(file.next()).isNull();
        }
    }

    @Test
    void headerColumnNamesAreStripped() throws Exception {
        try (CsvFile file = open(" Navn ; E-mail \n")) {
            assertThat(file.header()).containsExactly("Navn", "E-mail");
        }
    }

    @Test
    void rejectsAnEmptyFile() {
        assertError("", "line 1, column 1: the file is empty");
        assertError("\uFEFF\r\n", "line 1, column 1: the file is empty");
    }

    @Test
    void rejectsBytesThatAreNotUtf8AtTheirLineAndColumn() {
        byte[] latin1 = "Navn;By\nKaren;Århus\n".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(latin1)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("test.csv, line 2, column 7: bytes 0xC5 are not UTF-8; save the file as UTF-8 "
                        + "(it may be Latin-1 or Windows-1252, as older spreadsheets write)");
    }

    @Test
    void rejectsUtf16AsNotUtf8() {
        byte[] utf16 = "Navn;By\n".getBytes(StandardCharsets.UTF_16LE);

        assertError(utf16, "line 1, column 2: NUL character");
    }

    @Test
    void rejectsARowWithTooManyFieldsWhereTheExtraFieldStarts() {
        assertError("a;b\n1;2\n1;2;3\n", "test.csv, line 3, column 5: the row has more fields than the header's 2 columns");
    }

    @Test
    void rejectsARowWithTooFewFields() {
        assertError("a;b;c\n1;2\n", "test.csv, line 2, column 1: the row has 2 fields, the header has 3 columns");
    }

    @Test
    void rejectsAQuoteThatIsNeverClosed() {
        assertError("a;b\n1;\"open\n2;3\n", "test.csv, line 2, column 3: the quoted field starting here is never closed");
    }

    @Test
    void rejectsTextAfterAClosingQuote() {
        assertError("a;b\n\"x\"y;2\n", "test.csv, line 2, column 4: 'y' after a closing quote");
    }

    @Test
    void boundsTheLengthOfAField() {
        String longField = "x".repeat(CsvFile.MAX_FIELD_LENGTH + 1);

        assertError("a;b\n1;" + longField + "\n", "test.csv, line 2, column 3: the field is longer than 4096 characters");
    }

    @Test
    void boundsTheHeader() {
        assertError("a;".repeat(CsvFile.MAX_COLUMNS + 1) + "\n", "more than 500 columns");
    }

    @Test
    void aTwoGigabyteFileIsStreamedAndItsFirstProblemReportedWithoutReadingTheRest(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("huge.csv");
        Files.writeString(file, "a;b\n1;2\n");
        try (var huge = new RandomAccessFile(file.toFile(), "rw")) {
            // Sparse: the hole reads as NUL bytes and costs no disk space.
            huge.setLength(2L * 1024 * 1024 * 1024 + 1);
        }
        var bytesRead = new AtomicLong();

        assertThatThrownBy(() -> {
            try (CsvFile csv = CsvFile.open(file, bytesRead)) {
                while (csv.next() != null) {
                    // read on
                }
            }
        }).isInstanceOf(BadInputException.class).hasMessageContaining("huge.csv, line 3, column 1: NUL character");
        assertThat(bytesRead.get()).isLessThan(1024 * 1024);
    }

    private static void assertError(String text, String message) {
        assertError(text.getBytes(StandardCharsets.UTF_8), message);
    }

    private static void assertError(byte[] bytes, String message) {
        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(bytes)))
                .isInstanceOf(BadInputException.class).hasMessageContaining(message);
    }

    private static CsvFile open(String text) throws IOException, BadInputException {
        return CsvFile.open("test.csv", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<List<String>> read(String text) throws IOException, BadInputException {
        return readAll(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<List<String>> readAll(InputStream in) throws IOException, BadInputException {
        try (CsvFile file = CsvFile.open("test.csv", in)) {
            List<List<String>> rows = new ArrayList<>();
            rows.add(file.header());
            for (CsvRow row = file.next(); row != null; row = file.next()) {
                rows.add(row.fields());
            }
            return rows;
        }
    }
}
