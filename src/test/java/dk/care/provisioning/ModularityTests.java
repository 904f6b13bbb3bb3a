package dk.care.provisioning;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.servlet.Filter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * The package structure, enforced: every package directly under {@code dk.care.provisioning} is an
 * application module (Spring Modulith). No module depends on a module that depends back on it, and
 * none reaches into another's internals (its sub-packages; Java keeps its non-public types out of
 * reach). The domain — users, their changes, reference data, crypto — knows no Kafka, Avro, generated contract
 * classes or web types. The HTTP edge (controllers, advice, servlet filters) lives in web packages,
 * the SMS adapter knows neither the web nor the rest of its module, every {@code update invitation}
 * is in {@code InvitationStore}, and templates name no Java type; today's exceptions are listed by
 * name and may only shrink. The module diagram in {@code docs/modules} is written from the same model.
 */
class ModularityTests {

    private static final ApplicationModules MODULES = ApplicationModules.of(ProvisioningWorkerApplication.class);
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dk.care.provisioning");
    private static final String[] WEB_PACKAGES = {"dk.care.provisioning.web..", "dk.care.provisioning..web.."};

    /**
     * The HTTP edge outside a web package today, to move there with the HTTP edge work (issue 24). The
     * list may only shrink: a class named here that has moved fails the rule below until it is struck.
     */
    private static final Set<String> HTTP_EDGE_NOT_YET_IN_WEB = Set.of(
            "dk.care.provisioning.console.ConsoleModel",
            "dk.care.provisioning.console.ConsolePages",
            "dk.care.provisioning.console.CreateUserController",
            "dk.care.provisioning.console.OperationsController",
            "dk.care.provisioning.console.SignInGuard",
            "dk.care.provisioning.console.UsersController",
            "dk.care.provisioning.invitation.InvitationAdminController",
            "dk.care.provisioning.invitation.RedemptionController",
            "dk.care.provisioning.query.QueryController",
            "dk.care.provisioning.registration.RegistrationController");

    private static final Pattern INVITATION_UPDATE = Pattern.compile("update\\s+invitation\\s", Pattern.CASE_INSENSITIVE);

    @Test
    void modulesDependOnEachOtherWithoutCyclesAndOnlyThroughTheirApi() {
        MODULES.verify();
    }

    @Test
    void theDomainKnowsNoKafkaAvroOrWebTypes() {
        noClasses().that().resideInAnyPackage("dk.care.provisioning.user..", "dk.care.provisioning.organisation..",
                        "dk.care.provisioning.security..", "dk.care.provisioning.lifecycle..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..",
                        "org.apache.avro..", "dk.care.provisioning.v1..", "org.springframework.web..",
                        "org.springframework.http..", "jakarta.servlet..")
                .because("Avro and Kafka stay at the edges (intake, events), and the web at the HTTP controllers")
                .check(MAIN);
    }

    @Test
    void controllersAdviceAndServletFiltersLiveInAWebPackage() {
        // By reflection: ArchUnit imports only this project's classes, so it cannot see Spring's meta-annotations.
        DescribedPredicate<JavaClass> httpEdge = DescribedPredicate.describe(
                "controllers, controller advice or servlet filters", type -> isHttpEdge(type.reflect()));
        classes().that(httpEdge).and(DescribedPredicate.describe("not listed as not yet moved",
                        type -> !HTTP_EDGE_NOT_YET_IN_WEB.contains(type.getName())))
                .should().resideInAnyPackage(WEB_PACKAGES)
                .because("a feature's HTTP edge is its web sub-package or the web module, not the feature itself")
                // Today every one of them is listed; the rule is for the next one.
                .allowEmptyShould(true)
                .check(MAIN);
        assertThat(HTTP_EDGE_NOT_YET_IN_WEB).as("listed as not yet in a web package, but moved or gone: strike them")
                .allSatisfy(name -> assertThat(MAIN.contain(name)
                        && httpEdge.test(MAIN.get(name))
                        && !MAIN.get(name).getPackageName().matches("dk\\.care\\.provisioning\\.(.+\\.)?web(\\..*)?"))
                        .as(name).isTrue());
    }

    @Test
    void theSmsAdapterKnowsNeitherTheWebNorTheRestOfTheInvitationModule() {
        noClasses().that().resideInAPackage("dk.care.provisioning.invitation.sms..")
                .should().dependOnClassesThat().resideInAnyPackage("dk.care.provisioning.invitation",
                        "org.springframework.web..", "org.springframework.http..", "jakarta.servlet..",
                        "dk.care.provisioning.web..")
                .because("providers send the SMS they are handed; what to send and what it meant is the invitation's")
                .check(MAIN);
    }

    @Test
    void everyStatementThatUpdatesAnInvitationIsInItsStore() throws IOException {
        // An update elsewhere would bring back hand-written status lists that must agree with Invitation.Transition.
        try (Stream<Path> sources = Files.walk(Path.of("src", "main", "java"))) {
            assertThat(sources.filter(source -> source.toString().endsWith(".java"))
                    .filter(source -> INVITATION_UPDATE.matcher(read(source)).find())
                    .map(source -> source.getFileName().toString()))
                    .containsExactly("InvitationStore.java");
        }
    }

    @Test
    void templatesNameNoJavaType() throws IOException {
        Path templates = Path.of("src", "main", "resources", "templates");
        try (Stream<Path> files = Files.walk(templates)) {
            assertThat(files.filter(file -> file.toString().endsWith(".html"))
                    .filter(file -> read(file).contains("T("))
                    .map(file -> templates.relativize(file).toString().replace('\\', '/')))
                    .as("templates with a T(...) type reference: give the page what it needs as a model attribute")
                    .isEmpty();
        }
    }

    private static boolean isHttpEdge(Class<?> type) {
        return AnnotatedElementUtils.hasAnnotation(type, Controller.class)
                || AnnotatedElementUtils.hasAnnotation(type, ControllerAdvice.class)
                || Filter.class.isAssignableFrom(type);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
