package dk.care.provisioning.organisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.care.provisioning.testing.Requests;
import dk.care.provisioning.testing.WorkerIntegrationTest;
import dk.care.provisioning.v1.CreateUserRequest;
import dk.care.provisioning.v1.UserCreated;
import dk.care.provisioning.v1.UserType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/** Reference data maintained as a YAML file: imported into the real database and used by the next request. */
class ReferenceDataImportIntegrationTest extends WorkerIntegrationTest {

    @Autowired
    private ReferenceDataImport importer;

    @TempDir
    private Path directory;

    private final String org = "it-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void importsAnOrganisationWithDepartmentsAndRolesThatTheNextRequestCanUse() throws IOException {
        ReferenceDataImport.Result result = importer.importFile(file("""
                organisations:
                  - id: %1$s
                    name: Imported Care
                    locale: en
                    mitid-enabled: true
                    departments:
                      - id: %1$s.day-care
                        name: Day care
                    roles:
                      - id: %1$s.carer
                        name: Carer
                        allowed-user-types: [EMPLOYEE, ADMINISTRATOR]
                """));

        assertThat(result).isEqualTo(new ReferenceDataImport.Result(1, 1, 1));
        assertThat(jdbc.sql("select name, locale, mitid_enabled, active from organisation where id = ?").param(org)
                .query().singleRow())
                .containsEntry("name", "Imported Care").containsEntry("locale", "en")
                .containsEntry("mitid_enabled", true).containsEntry("active", true);
        assertThat(allowedUserTypes(org + ".carer")).containsExactly("ADMINISTRATOR", "EMPLOYEE");

        CreateUserRequest request = Requests.phoneSelfRegistration().setOrganisationId(org)
                .setDepartmentId(org + ".day-care").setRoleId(org + ".carer").setUserType(UserType.EMPLOYEE).build();
        send(request);
        UserCreated created = outcomes().awaitOutcome(request.getRequestId(), UserCreated.class);
        assertThat(created.getOrganisationId()).isEqualTo(org);
    }

    @Test
    void importingAgainUpdatesInPlaceAndReplacesTheAllowedUserTypes() throws IOException {
        String first = """
                organisations:
                  - id: %1$s
                    name: First name
                    locale: da
                    departments:
                      - id: %1$s.dept
                        name: Department
                    roles:
                      - id: %1$s.role
                        name: Role
                        allowed-user-types: [EMPLOYEE, RELATIVE]
                """;
        importer.importFile(file(first));
        importer.importFile(file(first.replace("First name", "Renamed")
                .replace("        name: Department", "        name: Department\n        active: false")
                .replace("[EMPLOYEE, RELATIVE]", "[RELATIVE]")));

        assertThat(jdbc.sql("select name from organisation where id = ?").param(org).query(String.class).list())
                .containsExactly("Renamed");
        assertThat(jdbc.sql("select active from department where organisation_id = ?").param(org)
                .query(Boolean.class).list()).containsExactly(false);
        assertThat(allowedUserTypes(org + ".role")).containsExactly("RELATIVE");
    }

    @Test
    void rejectsAMisspeltKeyInsteadOfIgnoringIt() throws IOException {
        Path misspelt = file("""
                organisations:
                  - id: %1$s
                    name: Valid organisation
                    locale: da
                    mitid-enabeld: true
                """);

        assertThatThrownBy(() -> importer.importFile(misspelt))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mitid-enabeld");
        assertThat(organisationCount()).isZero();
    }

    @Test
    void rejectsAnInvalidFileWithEveryProblemAndWritesNothing() throws IOException {
        Path invalid = file("""
                organisations:
                  - id: %1$s
                    name: Valid organisation
                    locale: da
                    departments:
                      - id: %1$s.dept
                        name: ""
                      - id: %1$s.dept
                        name: Twice
                    roles:
                      - id: %1$s.role
                        name: Role without user types
                """);

        assertThatThrownBy(() -> importer.importFile(invalid))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("organisations[0].departments[0].name")
                .hasMessageContaining("organisations[0].roles[0].allowedUserTypes")
                .hasMessageContaining("id " + org + ".dept appears more than once");
        assertThat(organisationCount()).isZero();
    }

    @Test
    void refusesToMoveADepartmentOfAnotherOrganisationAndRollsBackTheWholeFile() throws IOException {
        Path moving = file("""
                organisations:
                  - id: %1$s
                    name: Thief
                    locale: da
                    departments:
                      - id: demo-care.home-care
                        name: Stolen
                """);

        assertThatThrownBy(() -> importer.importFile(moving))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("demo-care.home-care belongs to another organisation");
        assertThat(jdbc.sql("select organisation_id, name from department where id = 'demo-care.home-care'")
                .query().singleRow()).containsEntry("organisation_id", "demo-care").containsEntry("name", "Home care");
        assertThat(organisationCount()).isZero();
    }

    @Test
    void theComposeStacksReferenceDataFileIsExactlyTheDemoData() {
        List<Map<String, Object>> before = demoReferenceData();

        ReferenceDataImport.Result result = importer.importFile(Path.of("docker/reference-data.yaml"));

        assertThat(result).isEqualTo(new ReferenceDataImport.Result(2, 4, 6));
        assertThat(demoReferenceData()).hasSize(12).isEqualTo(before);
    }

    @Test
    void startUpImportsTheConfiguredFile() throws IOException {
        Path configured = file("""
                organisations:
                  - id: %1$s
                    name: From start-up
                    locale: sv
                """);

        new ReferenceDataStartup(importer, new ReferenceDataProperties(configured, false, Duration.ofSeconds(30)), null)
                .afterSingletonsInstantiated();

        assertThat(jdbc.sql("select name from organisation where id = ?").param(org).query(String.class).list())
                .containsExactly("From start-up");
    }

    /** One row per (department, role with one allowed user type) of the demo organisations. */
    private List<Map<String, Object>> demoReferenceData() {
        return jdbc.sql("""
                        select o.id as org, o.name as org_name, o.locale, o.mitid_enabled, o.active as org_active,
                               d.id || ':' || d.name || ':' || d.active as department,
                               r.id || ':' || r.name || ':' || r.active || ':' || t.user_type as role
                        from organisation o
                        join department d on d.organisation_id = o.id
                        join role r on r.organisation_id = o.id
                        join role_user_type t on t.role_id = r.id
                        where o.id in ('demo-care', 'demo-omsorg')
                        order by 1, 6, 7""")
                .query().listOfRows();
    }

    private long organisationCount() {
        return jdbc.sql("select count(*) from organisation where id = ?").param(org).query(Long.class).single();
    }

    private List<String> allowedUserTypes(String roleId) {
        return jdbc.sql("select user_type from role_user_type where role_id = ? order by user_type").param(roleId)
                .query(String.class).list();
    }

    private Path file(String yaml) throws IOException {
        return Files.writeString(Files.createTempFile(directory, "reference-data", ".yaml"), yaml.formatted(org));
    }
}
