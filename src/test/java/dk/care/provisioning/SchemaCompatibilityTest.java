package dk.care.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.SchemaCompatibility;
import org.junit.jupiter.api.Test;

/**
 * The schemas evolve BACKWARD-compatibly (docs/design.md §11): each schema in {@code schemas/} must read data
 * written with its last released version, kept in {@code src/test/resources/released-schemas/<version>/}.
 * A release copies {@code schemas/} there as a new version folder; only the newest folder is the baseline.
 */
class SchemaCompatibilityTest {

    private static final Path CURRENT = Path.of("schemas");
    private static final Path RELEASES = Path.of("src", "test", "resources", "released-schemas");

    @Test
    void everySchemaReadsDataWrittenWithItsLastReleasedVersion() {
        Map<String, Schema> current = records(CURRENT);
        Map<String, Schema> released = records(lastRelease());
        assertThat(released).as("released schemas in %s", lastRelease()).isNotEmpty();

        List<String> problems = new ArrayList<>();
        released.forEach((name, writer) -> {
            Schema reader = current.get(name);
            if (reader == null) {
                problems.add(name + " was released but is no longer in " + CURRENT);
            } else {
                problems.addAll(incompatibilities(reader, writer));
            }
        });
        assertThat(problems).as("schemas that cannot read what their released version wrote").isEmpty();
    }

    @Test
    void aNewFieldWithoutDefaultOrARemovedEnumSymbolIsCaught() {
        Schema released = SchemaBuilder.record("R").namespace("t").fields()
                .requiredString("a")
                .name("status").type().enumeration("S").symbols("ACTIVE", "DEACTIVATED").noDefault()
                .endRecord();
        Schema withRequiredField = SchemaBuilder.record("R").namespace("t").fields()
                .requiredString("a").requiredString("b")
                .name("status").type().enumeration("S").symbols("ACTIVE", "DEACTIVATED").noDefault()
                .endRecord();
        Schema withoutSymbol = SchemaBuilder.record("R").namespace("t").fields()
                .requiredString("a")
                .name("status").type().enumeration("S").symbols("ACTIVE").noDefault()
                .endRecord();
        Schema withOptionalField = SchemaBuilder.record("R").namespace("t").fields()
                .requiredString("a").optionalString("b")
                .name("status").type().enumeration("S").symbols("ACTIVE", "DEACTIVATED", "ERASED").noDefault()
                .endRecord();

        assertThat(incompatibilities(withRequiredField, released)).singleElement().asString().contains("b");
        assertThat(incompatibilities(withoutSymbol, released)).singleElement().asString().contains("DEACTIVATED");
        assertThat(incompatibilities(withOptionalField, released)).isEmpty();
    }

    private static List<String> incompatibilities(Schema reader, Schema writer) {
        var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
        return result.getIncompatibilities().stream()
                .map(problem -> reader.getFullName() + ": " + problem.getType() + " at " + problem.getLocation()
                        + " (" + problem.getMessage() + ")")
                .toList();
    }

    private static Path lastRelease() {
        try (Stream<Path> versions = Files.list(RELEASES)) {
            return versions.filter(Files::isDirectory)
                    .max((a, b) -> compareVersions(a.getFileName().toString(), b.getFileName().toString()))
                    .orElseThrow(() -> new AssertionError("no released schemas under " + RELEASES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int difference = Integer.compare(i < x.length ? Integer.parseInt(x[i]) : 0,
                    i < y.length ? Integer.parseInt(y[i]) : 0);
            if (difference != 0) {
                return difference;
            }
        }
        return 0;
    }

    /** The top-level records of a schema folder, parsed as the build does: {@code common/} first. */
    private static Map<String, Schema> records(Path folder) {
        var parser = new Schema.Parser();
        Map<String, Schema> records = new LinkedHashMap<>();
        try {
            for (Path file : avsc(folder.resolve("common"))) {
                parser.parse(file.toFile());
            }
            for (Path file : avsc(folder)) {
                Schema schema = parser.parse(file.toFile());
                records.put(schema.getFullName(), schema);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }

    private static List<Path> avsc(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.toString().endsWith(".avsc")).sorted().toList();
        }
    }
}
