package dk.care.provisioning;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The package structure, enforced: every package directly under {@code dk.care.provisioning} is an
 * application module (Spring Modulith). No module depends on a module that depends back on it, and
 * none reaches into another's internals (its sub-packages; Java keeps its non-public types out of
 * reach). The domain — users, reference data, crypto — knows no Kafka, Avro, generated contract
 * classes or web types. The module diagram in {@code docs/modules} is written from the same model.
 */
class ModularityTests {

    private static final ApplicationModules MODULES = ApplicationModules.of(ProvisioningWorkerApplication.class);

    @Test
    void modulesDependOnEachOtherWithoutCyclesAndOnlyThroughTheirApi() {
        MODULES.verify();
    }

    @Test
    void theDomainKnowsNoKafkaAvroOrWebTypes() {
        noClasses().that().resideInAnyPackage("dk.care.provisioning.user..", "dk.care.provisioning.organisation..",
                        "dk.care.provisioning.security..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..",
                        "org.apache.avro..", "dk.care.provisioning.v1..", "org.springframework.web..",
                        "org.springframework.http..", "jakarta.servlet..")
                .because("Avro and Kafka stay at the edges (intake, events), and the web at the HTTP controllers")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dk.care.provisioning"));
    }

    @Test
    void writesTheModuleDiagram() throws IOException {
        Path folder = Path.of("docs", "modules");
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(folder.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml();
        // Modulith lists elements in hash order; sorted, a diagram's text changes only when the structure does.
        try (Stream<Path> diagrams = Files.list(folder)) {
            for (Path diagram : diagrams.toList()) {
                Files.write(diagram, sortedRuns(Files.readAllLines(diagram)));
            }
        }
    }

    /** The lines, each run of consecutive component or relation lines sorted. */
    private static List<String> sortedRuns(List<String> lines) {
        List<String> sorted = new ArrayList<>(lines.size());
        int start = 0;
        while (start < lines.size()) {
            String kind = kind(lines.get(start));
            int end = start + 1;
            while (end < lines.size() && !kind.isEmpty() && kind.equals(kind(lines.get(end)))) {
                end++;
            }
            lines.subList(start, end).stream().sorted().forEach(sorted::add);
            start = end;
        }
        return sorted;
    }

    private static String kind(String line) {
        String element = line.strip();
        return element.startsWith("Rel(") || element.startsWith("Component(") ? element.substring(0, 4) : "";
    }
}
