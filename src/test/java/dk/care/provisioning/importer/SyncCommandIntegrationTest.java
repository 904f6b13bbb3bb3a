package dk.care.provisioning.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dk.care.provisioning.testing.WorkerIntegrationTest;
import dk.care.provisioning.v1.LoginMethod;
import dk.care.provisioning.v1.UserState;
import dk.care.provisioning.v1.UserStatus;
import dk.care.provisioning.v1.UserType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import --sync} against the worker on the embedded default's real broker, PostgreSQL and registry,
 * in the context every {@link WorkerIntegrationTest} shares. Each test has a source of its own, so the
 * users of other tests in the same organisation are never its leavers.
 */
class SyncCommandIntegrationTest extends WorkerIntegrationTest {

    private static final String HEADER = "Medarbejdernr;Fornavn;Efternavn;E-mail;Mobil;Afdeling;Rolle;Login;Startdato;Slutdato";

    @TempDir
    Path dir;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String source = "hr-sync-" + run;

    @Test
    void aDay2FileWithNinetyPercentOfTheRowsMissingStopsAtTheGuardAndSendsNothing() throws Exception {
        CommandRun day1 = sync(csv(IntStream.rangeClosed(1, 10).mapToObj(n -> row(n, "Hjemmeplejen", ""))
                .toArray(String[]::new)), topics.users());
        assertThat(day1.exitCode()).as(day1.output() + day1.errors()).isEqualTo(ImportCommand.ALL_CREATED);
        awaitUsersTopic(users -> users.size() == 10);
        Path day2 = csv(row(1, "Hjemmeplejen", ""));
        Map<TopicPartition, Long> before = endOffsets(topics.userChanges());

        CommandRun stopped = sync(day2, topics.users());

        assertThat(stopped.exitCode()).as(stopped.output() + stopped.errors())
                .isEqualTo(ImportCommand.STOPPED_BY_LEAVER_GUARD);
        assertThat(stopped.errors()).contains("would deactivate 9 of the 10 active users of " + source,
                "more than --max-leavers 10% allows (1)", "--confirm-leavers=9", "Nothing was published.");
        assertThat(stopped.report()).filteredOn(line -> line.get(3).equals("DEACTIVATE")).hasSize(9)
                .allSatisfy(line -> assertThat(line.get(7)).isEqualTo("PLANNED"));
        CommandRun wrongCount = sync(day2, topics.users(), "--confirm-leavers=8");
        assertThat(wrongCount.exitCode()).isEqualTo(ImportCommand.STOPPED_BY_LEAVER_GUARD);
        assertThat(endOffsets(topics.userChanges())).isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from app_user where source = ? and status <> 'DEACTIVATED'")
                .param(source).query(Long.class).single()).isEqualTo(10);
    }

    @Test
    void noOptionLetsAFileDeactivateEveryUserOfItsSource() throws Exception {
        String usersTopic = usersTopic(IntStream.rangeClosed(1, 3).mapToObj(n -> state(n, UserStatus.ACTIVE)).toList());
        Path cutOff = csv(row(99, "Hjemmeplejen", ""));
        Map<TopicPartition, Long> before = endOffsets(topics.userChanges());

        CommandRun result = sync(cutOff, usersTopic, "--max-leavers=100%", "--confirm-leavers=3");

        assertThat(result.exitCode()).isEqualTo(ImportCommand.STOPPED_BY_LEAVER_GUARD);
        assertThat(result.errors()).contains("would deactivate all 3 active users of " + source,
                "A sync never deactivates everyone");
        assertThat(endOffsets(topics.userChanges())).isEqualTo(before);
    }

    @Test
    void aPreviewPrintsEveryChangeFromWhatToWhatAndSendsNothing() throws Exception {
        String usersTopic = usersTopic(List.of(state(1, UserStatus.ACTIVE), state(2, UserStatus.ACTIVE),
                state(3, UserStatus.DEACTIVATED), state(4, UserStatus.ACTIVE), state(5, UserStatus.ACTIVE),
                state(6, UserStatus.ACTIVE), state(7, UserStatus.ACTIVE), state(8, UserStatus.ACTIVE),
                state(9, UserStatus.ACTIVE), state(10, UserStatus.ACTIVE), state(11, UserStatus.ACTIVE)));
        String future = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Copenhagen")).plusDays(30).toString();
        List<String> rows = new ArrayList<>();
        rows.add(row(1, "Plejecentret", ""));
        rows.add(row(3, "Hjemmeplejen", ""));
        rows.add(row(4, "Hjemmeplejen", future));
        IntStream.rangeClosed(5, 11).forEach(n -> rows.add(row(n, "Hjemmeplejen", "")));
        rows.add(row(12, "Hjemmeplejen", ""));
        Path csv = csv(rows.toArray(String[]::new));
        Map<TopicPartition, Long> before = endOffsets(topics.userChanges());

        CommandRun preview = sync(csv, usersTopic, "--dry-run");

        assertThat(preview.exitCode()).as(preview.output() + preview.errors()).isEqualTo(ImportCommand.ALL_CREATED);
        assertThat(preview.report()).extracting(line -> line.get(2).replace("-" + run, "") + " " + line.get(3))
                .containsExactlyInAnyOrder("1 MOVE", "3 REACTIVATE", "4 DEACTIVATE", "5 UNCHANGED", "6 UNCHANGED",
                        "7 UNCHANGED", "8 UNCHANGED", "9 UNCHANGED", "10 UNCHANGED", "11 UNCHANGED", "12 CREATE",
                        "2 DEACTIVATE");
        assertThat(preview.output()).contains("departmentId demo-care.home-care → demo-care.nursing-home",
                "status DEACTIVATED → back as before", "status → DEACTIVATED: not in the file",
                "nothing published (dry run)");
        assertThat(endOffsets(topics.userChanges())).isEqualTo(before);
    }

    /**
     * The two days through the real worker: day 1 creates; between the days the console deactivates
     * one user; day 2 (one mover, a leaver missing from the file and one with a past end date, one new, the
     * deactivated one back, one future end date) is previewed, then run: it sends exactly the previewed requests, the users are as the file says,
     * and the same file again with the day's report sends nothing.
     */
    @Test
    void day2SendsExactlyTheMoverLeaversJoinerRejoinerAndFutureLeaverThePreviewShowedAndARerunNothing()
            throws Exception {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Copenhagen"));
        Path day1 = csv(row(1, "Hjemmeplejen", ""), row(2, "Hjemmeplejen", ""), row(3, "Hjemmeplejen", ""),
                row(4, "Hjemmeplejen", ""), row(5, "Hjemmeplejen", ""), row(6, "Hjemmeplejen", ""));

        CommandRun first = sync(day1, topics.users());

        assertThat(first.exitCode()).as(first.output() + first.errors()).isEqualTo(ImportCommand.ALL_CREATED);
        assertThat(first.report()).extracting(line -> line.get(3) + " " + line.get(7))
                .containsOnly("CREATE CREATED").hasSize(6);
        Map<String, String> userIds = first.report().stream()
                .collect(Collectors.toMap(line -> line.get(2).replace("-" + run, ""), line -> line.get(8)));
        awaitUsersTopic(users -> users.size() == 6);

        send(deactivate(userIds.get("4")));
        awaitUsersTopic(users -> users.get("4-" + run).status() == CurrentUser.Status.DEACTIVATED);

        String future = today.plusDays(30).toString();
        // 6 has left the staff list: a leaver by absence, as 3 is by its end date.
        Path day2 = csv(row(1, "Hjemmeplejen", ""), row(2, "Plejecentret", ""),
                row(3, "Hjemmeplejen", today.minusDays(1).toString()), row(4, "Hjemmeplejen", ""),
                row(5, "Hjemmeplejen", future), row(7, "Hjemmeplejen", ""));
        Map<TopicPartition, Long> changesBefore = endOffsets(topics.userChanges());

        CommandRun preview = sync(day2, topics.users(), "--dry-run", "--max-leavers=2");
        CommandRun real = sync(day2, topics.users(), "--max-leavers=2");

        assertThat(real.exitCode()).as(real.output() + real.errors()).isEqualTo(ImportCommand.ALL_CREATED);
        assertThat(real.report()).extracting(line -> line.get(2).replace("-" + run, "") + " " + line.get(3) + " "
                        + line.get(7))
                .containsExactly("1 UNCHANGED UNCHANGED", "2 MOVE CHANGED", "3 DEACTIVATE CHANGED",
                        "4 REACTIVATE CHANGED", "5 DEACTIVATE SCHEDULED", "7 CREATE CREATED", "6 DEACTIVATE CHANGED");
        assertThat(planned(real)).isEqualTo(planned(preview));
        List<dk.care.provisioning.v1.ChangeUserRequest> sent = changesSince(changesBefore);
        assertThat(sent).extracting(request -> request.getRequestId())
                .containsExactlyInAnyOrderElementsOf(real.report().stream().filter(line -> !line.get(6).isEmpty()
                        && !line.get(3).equals("CREATE")).map(line -> line.get(6)).toList());
        assertThat(sent).extracting(request -> request.getChange().getClass().getSimpleName() + " "
                        + ((dk.care.provisioning.v1.ByUserId) request.getUser()).getUserId())
                .containsExactlyInAnyOrder("Move " + userIds.get("2"), "Deactivate " + userIds.get("3"),
                        "Reactivate " + userIds.get("4"), "Deactivate " + userIds.get("5"), "Deactivate " + userIds.get("6"));

        assertThat(status(userIds.get("2")) + " " + department(userIds.get("2")))
                .isEqualTo("PENDING_SELF_REGISTRATION demo-care.nursing-home");
        assertThat(status(userIds.get("3"))).isEqualTo("DEACTIVATED");
        assertThat(status(userIds.get("4"))).isEqualTo("PENDING_SELF_REGISTRATION");
        assertThat(status(userIds.get("5"))).isEqualTo("PENDING_SELF_REGISTRATION");
        assertThat(status(userIds.get("6"))).isEqualTo("DEACTIVATED");
        assertThat(jdbc.sql("select count(*) from scheduled_change where user_id = ?::uuid and state = 'PENDING'")
                .param(userIds.get("5")).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from app_user where external_id = ?").param("7-" + run)
                .query(Long.class).single()).isEqualTo(1);

        awaitUsersTopic(users -> users.get("2-" + run).departmentId().equals("demo-care.nursing-home")
                && users.get("3-" + run).status() == CurrentUser.Status.DEACTIVATED
                && users.get("4-" + run).status() == CurrentUser.Status.ACTIVE && users.containsKey("7-" + run)
                && users.get("6-" + run).status() == CurrentUser.Status.DEACTIVATED);
        Path dayReport = Files.writeString(dir.resolve("day2-report.csv"), real.reportText());
        Map<TopicPartition, Long> beforeRerun = endOffsets(topics.userChanges());

        CommandRun rerun = sync(day2, topics.users(), "--previous-report", dayReport.toString());

        assertThat(rerun.exitCode()).as(rerun.output() + rerun.errors()).isEqualTo(ImportCommand.ALL_CREATED);
        assertThat(rerun.report()).extracting(line -> line.get(7)).containsOnly("UNCHANGED", "SCHEDULED");
        assertThat(rerun.output()).contains("0 requests published");
        assertThat(endOffsets(topics.userChanges())).isEqualTo(beforeRerun);
    }

    /** What a run planned, as its report says: action, external id, when, what and the requestId of each step. */
    private static List<String> planned(CommandRun result) throws IOException, BadInputException {
        return result.report().stream().map(line -> String.join("|", line.subList(2, 7))).toList();
    }

    private dk.care.provisioning.v1.ChangeUserRequest deactivate(String userId) {
        return dk.care.provisioning.v1.ChangeUserRequest.newBuilder()
                .setRequestId("console-" + UUID.randomUUID())
                .setSource("admin-ui")
                .setRequestedAt(Instant.now())
                .setOrganisationId("demo-care")
                .setUser(new dk.care.provisioning.v1.ByUserId(UUID.fromString(userId)))
                .setChange(new dk.care.provisioning.v1.Deactivate("test"))
                .build();
    }

    private void send(dk.care.provisioning.v1.ChangeUserRequest request) {
        kafka.send(topics.userChanges(), ((dk.care.provisioning.v1.ByUserId) request.getUser()).getUserId().toString(),
                request).join();
    }

    private String status(String userId) {
        return jdbc.sql("select status from app_user where id = ?::uuid").param(userId).query(String.class).single();
    }

    private String department(String userId) {
        return jdbc.sql("select department_id from app_user where id = ?::uuid").param(userId).query(String.class)
                .single();
    }

    /** Waits until the users topic, read as the command reads it, shows this test's users so. */
    private void awaitUsersTopic(java.util.function.Predicate<Map<String, CurrentUser>> condition) {
        Map<String, Object> consumer = WorkerSettings.load(List.of("--spring.kafka.bootstrap-servers=" + bootstrapServers(),
                "--spring.kafka.properties.schema.registry.url=" + registryUrl())).consumer();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> {
            Map<String, CurrentUser> ours = UsersTopic.read(consumer, topics.users(), "demo-care").entrySet().stream()
                    .filter(user -> user.getKey().endsWith("-" + run))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            try {
                return condition.test(ours);
            } catch (NullPointerException notThereYet) {
                return false;
            }
        });
    }

    private List<dk.care.provisioning.v1.ChangeUserRequest> changesSince(Map<TopicPartition, Long> before) {
        Map<String, Object> config = new java.util.HashMap<>(WorkerSettings.load(List.of(
                "--spring.kafka.bootstrap-servers=" + bootstrapServers(),
                "--spring.kafka.properties.schema.registry.url=" + registryUrl())).consumer());
        List<dk.care.provisioning.v1.ChangeUserRequest> records = new ArrayList<>();
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, Object>(config)) {
            consumer.assign(before.keySet());
            before.forEach(consumer::seek);
            Map<TopicPartition, Long> ends = consumer.endOffsets(before.keySet());
            while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
                consumer.poll(java.time.Duration.ofMillis(200)).forEach(record -> {
                    if (record.value() instanceof dk.care.provisioning.v1.ChangeUserRequest request
                            && request.getSource().equals(source)) {
                        records.add(request);
                    }
                });
            }
        }
        return records;
    }

    private CommandRun sync(Path csv, String usersTopic, String... more) throws IOException {
        Path mapping = Files.writeString(dir.resolve("sync-mapping.properties"), """
                source = %s
                column.externalId = Medarbejdernr
                column.name = Fornavn Efternavn
                column.email = E-mail
                column.phone = Mobil
                column.departmentId = Afdeling
                column.roleId = Rolle
                column.userType = Rolle
                column.login = Login
                column.startDate = Startdato
                column.endDate = Slutdato
                dateFormat = yyyy-MM-dd
                default.organisationId = demo-care
                value.departmentId.Hjemmeplejen = demo-care.home-care
                value.departmentId.Plejecentret = demo-care.nursing-home
                value.roleId.Plejer = demo-care.caregiver
                value.userType.Plejer = EMPLOYEE
                value.login.SMS = PHONE_SELF_REGISTRATION
                """.formatted(source));
        List<String> args = new ArrayList<>(List.of("--sync", "--file", csv.toString(), "--mapping", mapping.toString(),
                "--progress", "none", "--outcome-timeout", "30s",
                "--spring.kafka.bootstrap-servers=" + bootstrapServers(),
                "--spring.kafka.properties.schema.registry.url=" + registryUrl(),
                "--provisioning.topics.users=" + usersTopic));
        args.addAll(List.of(more));
        Path report = dir.resolve("report-" + UUID.randomUUID() + ".csv");
        args.addAll(List.of("--report", report.toString()));
        return CommandRun.of(args, report);
    }

    /** A users topic of this test alone, compacted as the worker's, holding these states. */
    private String usersTopic(List<UserState> states) throws Exception {
        String name = "sync-users-" + run;
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, 2, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)))).all().get();
        }
        for (UserState state : states) {
            kafka.send(name, state.getUserId().toString(), state).join();
        }
        return name;
    }

    /** User {@code n} of this test's source, as the worker would describe them: employee n-run in home care. */
    private UserState state(int n, UserStatus status) {
        return UserState.newBuilder()
                .setUserId(new UUID(0x5ac0L, n))
                .setVersion(1)
                .setOrganisationId("demo-care")
                .setDepartmentId("demo-care.home-care")
                .setRoleId("demo-care.caregiver")
                .setUserType(UserType.EMPLOYEE)
                .setLoginMethod(LoginMethod.PHONE_SELF_REGISTRATION)
                .setStatus(status)
                .setName("Person " + n)
                .setPhone(phone(n))
                .setExternalId(n + "-" + run)
                .setSource(source)
                .setUpdatedAt(Instant.now())
                .build();
    }

    private static String phone(int n) {
        return String.format("+4520%06d", 123_400 + n);
    }

    private static String row(int n, String department, String endDate) {
        return String.join(";", n + "", "Person", Integer.toString(n), "", phone(n), department, "Plejer", "SMS", "",
                endDate);
    }

    private Path csv(String... rows) throws IOException {
        String text = "\uFEFF" + Stream.concat(Stream.of(HEADER),
                Stream.of(rows).map(row -> row.replaceFirst("^(\\d+)", "$1-" + run)))
                .collect(Collectors.joining("\r\n")) + "\r\n";
        return Files.writeString(dir.resolve("staff.csv"), text);
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }
}
