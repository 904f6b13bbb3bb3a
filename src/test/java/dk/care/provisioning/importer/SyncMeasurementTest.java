package dk.care.provisioning.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dk.care.provisioning.testing.WorkerIntegrationTest;
import dk.care.provisioning.v1.LoginMethod;
import dk.care.provisioning.v1.UserState;
import dk.care.provisioning.v1.UserStatus;
import dk.care.provisioning.v1.UserType;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A nightly sync of 100,000 users with 1 % changed (docs/import.md, "Sync, measured"): the users are
 * seeded into the worker's database and described on the users topic as the feed's backfill would;
 * the command runs as its own process under {@code /usr/bin/time -v}, as {@code java -jar … import}
 * runs it, against the worker of this context, which applies the changes. Prints the command's summary
 * and its time and memory (figures, not judged: the machine is shared). A measurement: {@code -Pbenchmark}.
 */
@Tag("benchmark")
class SyncMeasurementTest extends WorkerIntegrationTest {

    private static final int USERS = Integer.getInteger("sync.users", 100_000);
    private static final String ORGANISATION = "sync-care";
    private static final String SOURCE = "hr-measure";
    /** {@code -Dsync.preview=true}: the command's side alone, with --dry-run (no worker needed to apply changes). */
    private static final boolean PREVIEW = Boolean.getBoolean("sync.preview");
    /** {@code -Dsync.command-jvm=-Xmx256m}: options of the command's JVM (default: the JDK's). */
    private static final String COMMAND_JVM = System.getProperty("sync.command-jvm", "");
    private static final Pattern TIME_FIGURE = Pattern.compile(
            "(Elapsed \\(wall clock\\) time.*|User time.*|System time.*|Maximum resident set size.*)");

    @TempDir
    Path dir;

    @Test
    void syncsOneHundredThousandUsersWithOnePercentChanged() throws Exception {
        List<UUID> ids = seed();
        long described = System.nanoTime();
        describeOnUsersTopic(ids);
        System.out.printf("sync measurement: %,d users seeded and described on the users topic in %.1f s%n", USERS,
                (System.nanoTime() - described) / 1e9);
        Path csv = staffFile();
        Path mapping = Files.writeString(dir.resolve("mapping.properties"), """
                source = %s
                column.externalId = Nr
                column.name = Fornavn Efternavn
                column.phone = Mobil
                column.departmentId = Afdeling
                column.endDate = Slut
                dateFormat = dd-MM-yyyy
                default.organisationId = sync-care
                default.roleId = sync-care.caregiver
                default.userType = EMPLOYEE
                default.login = PHONE_SELF_REGISTRATION
                """.formatted(SOURCE));

        List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-v",
                ProcessHandle.current().info().command().orElse("java")));
        if (!COMMAND_JVM.isBlank()) {
            command.addAll(List.of(COMMAND_JVM.strip().split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "dk.care.provisioning.ProvisioningWorkerApplication", "import", "--sync", "--file", csv.toString(),
                "--mapping", mapping.toString(), "--report", dir.resolve("report.csv").toString(),
                "--progress", "lines", "--outcome-timeout", "5m",
                "--spring.kafka.bootstrap-servers=" + bootstrapServers(),
                "--spring.kafka.properties.schema.registry.url=" + registryUrl()));
        if (PREVIEW) {
            command.add("--dry-run");
        }
        Path output = dir.resolve("output.txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        int exitCode = process.waitFor();
        String text = Files.readString(output);

        System.out.println("sync measurement: the command's output\n" + text.lines()
                .filter(line -> !line.startsWith("\t") || TIME_FIGURE.matcher(line.strip()).matches())
                .reduce("", (all, line) -> all + "  " + line + "\n"));
        Matcher figures = TIME_FIGURE.matcher(text);
        while (figures.find()) {
            System.out.println("sync measurement: " + figures.group(1));
        }
        assertThat(exitCode).as(text).isZero();
        List<String> report = Files.readAllLines(dir.resolve("report.csv"));
        assertThat(report.stream().filter(line -> line.contains(PREVIEW ? ";PLANNED;" : ";CHANGED;")
                || line.contains(";SCHEDULED;"))).hasSize(USERS / 100);
    }

    /** The organisation and its users, as a worker that created them from an HR export would hold them. */
    private List<UUID> seed() {
        jdbc.sql("""
                insert into organisation (id, name, locale, mitid_enabled) values ('sync-care', 'Sync Care', 'da', false);
                insert into department (id, organisation_id, name) values
                    ('sync-care.north', 'sync-care', 'North'), ('sync-care.south', 'sync-care', 'South');
                insert into role (id, organisation_id, name) values ('sync-care.caregiver', 'sync-care', 'Caregiver');
                insert into role_user_type (role_id, user_type) values ('sync-care.caregiver', 'EMPLOYEE');
                insert into app_user (id, request_id, organisation_id, department_id, role_id, user_type, login_method,
                                      status, name, email, phone, external_id, locale, source, created_at)
                select gen_random_uuid(), 'sync-seed-' || n, 'sync-care', 'sync-care.north', 'sync-care.caregiver',
                       'EMPLOYEE', 'PHONE_SELF_REGISTRATION', 'ACTIVE', 'Person ' || n, null,
                       '+4520' || (100000 + n)::text, 'e' || n, 'da', 'hr-measure', now()
                from generate_series(1, :users) n;
                analyze app_user;""").param("users", USERS).update();
        return jdbc.sql("select id from app_user where organisation_id = 'sync-care' order by external_id")
                .query(UUID.class).list();
    }

    /** Each user's state on the compacted users topic, with this source, as the feed's backfill would put it. */
    private void describeOnUsersTopic(List<UUID> ids) {
        List<CompletableFuture<?>> sent = new ArrayList<>();
        jdbc.sql("select id, external_id, name, phone from app_user where organisation_id = 'sync-care'")
                .query((rs, n) -> {
                    UserState state = UserState.newBuilder().setUserId(rs.getObject(1, UUID.class)).setVersion(1)
                            .setOrganisationId(ORGANISATION).setDepartmentId("sync-care.north")
                            .setRoleId("sync-care.caregiver").setUserType(UserType.EMPLOYEE)
                            .setLoginMethod(LoginMethod.PHONE_SELF_REGISTRATION).setStatus(UserStatus.ACTIVE)
                            .setName(rs.getString(3)).setPhone(rs.getString(4)).setExternalId(rs.getString(2))
                            .setLocale("da").setSource(SOURCE).setUpdatedAt(Instant.now()).build();
                    sent.add(kafka.send(topics.users(), state.getUserId().toString(), state));
                    return n;
                }).list();
        kafka.flush();
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
        assertThat(sent).hasSize(ids.size());
    }

    /**
     * The night's export: every user but one in a thousand (the leavers), and of each thousand four moved
     * south, three with a new phone, one whose end date has passed and one who leaves next month: 1 %.
     */
    private Path staffFile() throws IOException {
        Path csv = dir.resolve("staff.csv");
        String past = LocalDate.now(ZoneId.of("Europe/Copenhagen")).minusDays(1)
                .format(java.time.format.DateTimeFormatter.ofPattern("dd-MM-yyyy"));
        String future = LocalDate.now(ZoneId.of("Europe/Copenhagen")).plusMonths(1)
                .format(java.time.format.DateTimeFormatter.ofPattern("dd-MM-yyyy"));
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("Nr;Fornavn;Efternavn;Mobil;Afdeling;Slut\r\n");
            for (int n = 1; n <= USERS; n++) {
                int kind = n % 1000;
                if (kind == 1) {
                    continue;
                }
                // Valid Danish numbers (libphonenumber refuses 2000xxxx): 20100001 and up.
                String phone = (kind >= 6 && kind <= 8 ? "+4530" : "+4520") + (100_000 + n);
                String department = kind >= 2 && kind <= 5 ? "sync-care.south" : "sync-care.north";
                String end = kind == 9 ? past : kind == 10 ? future : "";
                out.write("e" + n + ";Person;" + n + ";" + phone + ";" + department + ";" + end + "\r\n");
            }
        }
        return csv;
    }
}
