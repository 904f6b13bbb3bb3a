package dk.care.provisioning.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.care.provisioning.testing.Changes;
import dk.care.provisioning.testing.Leavers;
import dk.care.provisioning.testing.OutcomeConsumer;
import dk.care.provisioning.testing.Organisations;
import dk.care.provisioning.testing.Requests;
import dk.care.provisioning.testing.SelfRegistrations;
import dk.care.provisioning.testing.WorkerIntegrationTest;
import dk.care.provisioning.v1.ChangeUserRequest;
import dk.care.provisioning.v1.CreateUserRequest;
import dk.care.provisioning.v1.LoginMethod;
import dk.care.provisioning.v1.MitIdLogin;
import dk.care.provisioning.v1.StandardLogin;
import dk.care.provisioning.v1.UserCreated;
import dk.care.provisioning.v1.UserState;
import dk.care.provisioning.v1.UserStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The compacted users topic through the real broker and database: a state for every new user right
 * after its outcome and for every activation, a tombstone as a key without a value, and the one-time
 * backfill of the users that were there before, exactly once however many instances run it.
 */
class UserFeedIntegrationTest extends WorkerIntegrationTest {


    @LocalServerPort
    private int port;

    @Autowired
    private UserFeed feed;

    @Autowired
    private UserRows rows;

    @Autowired
    private TransactionTemplate transactions;

    @Autowired
    private Clock clock;

    @Test
    void publishesTheStateOfEveryNewUserWithItsCreatedFieldsAndNoSecret() {
        String password = "a private long passphrase " + UUID.randomUUID();
        String cpr = Requests.uniqueCpr();
        List<CreateUserRequest> requests = List.of(
                Requests.standard("unused").setLogin(StandardLogin.newBuilder()
                        .setUsername("feed." + UUID.randomUUID().toString().substring(0, 8))
                        .setPassword(encrypted(password)).build()).build(),
                Requests.mitId("unused").setExternalId("HR-" + UUID.randomUUID())
                        .setLogin(MitIdLogin.newBuilder().setCpr(encrypted(cpr)).build()).build(),
                Requests.phoneSelfRegistration().setPhone(Requests.uniquePhone()).build());
        requests.forEach(this::send);

        for (CreateUserRequest request : requests) {
            UserCreated created = outcomes().awaitOutcome(request.getRequestId(), UserCreated.class);
            UserState state = usersTopic().awaitOutcome(created.getUserId().toString(), UserState.class);
            assertThat(state.getVersion()).isOne();
            assertThat(state.getUpdatedAt()).isEqualTo(created.getOccurredAt());
            assertThat(List.of(state.getOrganisationId(), state.getDepartmentId(), state.getRoleId(),
                    state.getUserType().name(), state.getLoginMethod().name(), state.getStatus().name()))
                    .containsExactly(created.getOrganisationId(), created.getDepartmentId(), created.getRoleId(),
                            created.getUserType().name(), created.getLoginMethod().name(), created.getStatus().name());
            assertThat(new Object[] {state.getName(), state.getEmail(), state.getPhone(), state.getUsername(),
                    state.getExternalId()}).containsExactly(created.getName(), created.getEmail(), created.getPhone(),
                    created.getUsername(), created.getExternalId());
            String hash = jdbc.sql("select string_agg(password_hash, '') from password_credential where user_id = ?")
                    .param(created.getUserId()).query(String.class).optional().orElse(null);
            String cprColumns = jdbc.sql("select string_agg(cpr_ciphertext || cpr_blind_index, '') from mitid_identity "
                    + "where user_id = ?").param(created.getUserId()).query(String.class).optional().orElse(null);
            assertThat(state.toString()).doesNotContain(Objects.requireNonNullElse(hash, password), password, cpr,
                    Objects.requireNonNullElse(cprColumns, cpr));
        }
    }

    @Test
    void publishesTheActivatedStateWhenASelfRegisteringUserRedeemsTheInvitation() {
        CreateUserRequest request = Requests.phoneSelfRegistration().setPhone(Requests.uniquePhone()).build();
        String token = SelfRegistrations.invite(this::send, request);
        UUID userId = outcomes().awaitOutcome(request.getRequestId(), UserCreated.class).getUserId();
        assertThat(usersTopic().awaitOutcome(userId.toString(), UserState.class).getStatus())
                .isEqualTo(UserStatus.PENDING_SELF_REGISTRATION);

        String username = "feed.reg." + UUID.randomUUID().toString().substring(0, 8);
        SelfRegistrations.redeem(port, token, username, "a private long passphrase");

        List<UserState> states = await().atMost(Duration.ofSeconds(30)).until(() -> states(userId), list -> list.size() == 2);
        assertThat(states.getLast().getStatus()).isEqualTo(UserStatus.ACTIVE);
        assertThat(states.getLast().getUsername()).isEqualTo(username);
        assertThat(states.getLast().getLoginMethod()).isEqualTo(LoginMethod.PHONE_SELF_REGISTRATION);
        assertThat(states.getLast().getPhone()).isEqualTo(request.getPhone());
        assertThat(states.getLast().getUpdatedAt()).isAfterOrEqualTo(states.getFirst().getUpdatedAt());
    }

    @Test
    void publishesAnErasedUsersStateAsATombstoneAKeyWithoutAValue() {
        CreateUserRequest request = Requests.phoneSelfRegistration().setPhone(Requests.uniquePhone()).build();
        send(request);
        String key = outcomes().awaitOutcome(request.getRequestId(), UserCreated.class).getUserId().toString();

        // An erased user's current state is its tombstone: the erasure's own, or one published again.
        transactions.executeWithoutResult(status -> {
            jdbc.sql("update app_user set status = 'ERASED', deactivated_at = now() where id = ?")
                    .param(UUID.fromString(key)).update();
            feed.publishCurrent(UUID.fromString(key));
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> usersTopic().values(key).size() == 2);
        assertThat(usersTopic().values(key).getFirst()).isInstanceOf(UserState.class);
        assertThat(usersTopic().values(key).getLast()).isNull();
    }

    @Test
    void backfillsTheUsersThatWereThereBeforeExactlyOnceAcrossTwoInstances() {
        // The smallest id of this millisecond: every user inserted below comes after it.
        UUID before = new UUID((System.currentTimeMillis() << 16) | 0x7000, Long.MIN_VALUE);
        List<UUID> existing = new ArrayList<>();
        for (int i = 0; i < UserFeedBackfill.PAGE_SIZE + 7; i++) {
            existing.add(insertUserWithoutTheFeed(i));
        }
        UUID erased = existing.removeLast();
        jdbc.sql("update app_user set status = 'ERASED', deactivated_at = now() where id = ?").param(erased).update();
        jdbc.sql("update user_feed_backfill set after_user_id = ?, published = 0, completed_at = null")
                .param(before).update();

        // Two instances of the backfill on one database, each until it sees the backfill done.
        var threads = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().daemon().factory());
        List<CompletableFuture<Void>> instances = List.of(1, 2).stream().map(n -> CompletableFuture.runAsync(() -> {
            var backfill = new UserFeedBackfill(jdbc, transactions, rows, feed, clock);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> backfill.backfillPage() == UserFeedBackfill.Progress.DONE);
        }, threads)).toList();
        instances.forEach(CompletableFuture::join);

        assertThat(jdbc.sql("select count(*) from outbox_message where topic = ? and message_key = any(?)")
                .param(topics.users())
                .param(new SqlArrayValue("text", existing.stream().map(UUID::toString).toArray()))
                .query(Long.class).single()).isEqualTo(existing.size());
        assertThat(jdbc.sql("select count(*) from outbox_message where topic = ? and message_key = ?")
                .param(topics.users()).param(erased.toString()).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select completed_at is not null from user_feed_backfill").query(Boolean.class).single())
                .isTrue();
        await().atMost(Duration.ofSeconds(60)).until(() -> existing.stream()
                .allMatch(id -> usersTopic().values(id.toString()).size() == 1));
        UserState first = (UserState) usersTopic().values(existing.getFirst().toString()).getFirst();
        assertThat(first.getName()).isEqualTo("Backfilled Person 0");
        assertThat(first.getStatus()).isEqualTo(UserStatus.ACTIVE);
    }

    @Test
    void aReaderFromTheBeginningEndsWithExactlyTheUsersOfTheTableFieldByField() {
        String organisation = Organisations.create(jdbc);
        List<UUID> created = new ArrayList<>();
        for (CreateUserRequest request : List.of(
                inOrganisation(Requests.standard(encrypted("a private long passphrase")), organisation),
                inOrganisation(Requests.mitId(encrypted(Requests.uniqueCpr())), organisation),
                inOrganisation(Requests.mitId(encrypted(Requests.uniqueCpr())), organisation),
                inOrganisation(Requests.phoneSelfRegistration().setPhone(Requests.uniquePhone()), organisation))) {
            send(request);
            created.add(outcomes().awaitOutcome(request.getRequestId(), UserCreated.class).getUserId());
        }
        CreateUserRequest registering = inOrganisation(Requests.phoneSelfRegistration().setPhone(Requests.uniquePhone()),
                organisation);
        String token = SelfRegistrations.invite(this::send, registering);
        outcomes().awaitOutcome(registering.getRequestId(), UserCreated.class);
        SelfRegistrations.redeem(port, token, "feed.table." + UUID.randomUUID().toString().substring(0, 8),
                "a private long passphrase");
        // Changes through real change requests: new contact details, a leaver who stays, a leaver erased.
        ChangeUserRequest contact = Changes.of(created.getFirst(), Changes.contact().setName("Feed Changed Name")
                .setEmail("feed.changed@example.org").build()).setOrganisationId(organisation).build();
        kafka.send(topics.userChanges(), Changes.key(contact), contact).join();
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("select name from app_user where id = ?")
                .param(created.getFirst()).query(String.class).single(), "Feed Changed Name"::equals);
        Leavers.deactivate(kafka, topics, jdbc, created.get(2), organisation);
        UUID erased = created.get(1);
        Leavers.deactivate(kafka, topics, jdbc, erased, organisation);
        Leavers.erase(kafka, topics, jdbc, erased, organisation);

        // Every field of the state, as text; updatedAt in whole milliseconds, as the schema keeps it.
        Map<String, List<Object>> table = jdbc.sql("""
                        select u.id, u.version, u.organisation_id, u.department_id, u.role_id, u.user_type,
                               u.login_method, u.status, u.name, u.email, u.phone, c.username, u.external_id,
                               (extract(epoch from date_trunc('milliseconds', u.updated_at)) * 1000)::bigint,
                               u.locale, u.source
                        from app_user u left join password_credential c on c.user_id = u.id
                        where u.organisation_id = ? and u.status <> 'ERASED'""")
                .param(organisation)
                .query((rs, n) -> {
                    List<Object> fields = new ArrayList<>();
                    for (int i = 1; i <= 16; i++) {
                        fields.add(rs.getString(i));
                    }
                    return fields;
                })
                .list().stream().collect(Collectors.toMap(fields -> (String) fields.getFirst(), fields -> fields));
        assertThat(table).hasSize(created.size()); // four created, one registered, one erased

        try (var reader = new OutcomeConsumer(bootstrapServers(), registryUrl(), List.of(topics.users()))) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Map<String, UserState> view = new HashMap<>();
                for (var record : reader.all()) {
                    if (record.value() == null) {
                        view.remove(record.key());
                    } else {
                        view.put(record.key(), (UserState) record.value());
                    }
                }
                Map<String, List<Object>> read = view.values().stream()
                        .filter(state -> state.getOrganisationId().equals(organisation))
                        .collect(Collectors.toMap(state -> state.getUserId().toString(), UserFeedIntegrationTest::fields));
                assertThat(read).isEqualTo(table);
                assertThat(read.get(created.getFirst().toString())).contains("Feed Changed Name", "2");
                assertThat(read.get(created.get(2).toString())).contains("DEACTIVATED");
                assertThat(reader.values(erased.toString())).isNotEmpty();
                assertThat(view).doesNotContainKey(erased.toString());
            });
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CreateUserRequest inOrganisation(CreateUserRequest.Builder request, String organisation) {
        return request.setOrganisationId(organisation).setDepartmentId(organisation + ".dept")
                .setRoleId(organisation + ".role").build();
    }

    /** Every field of the state, as text, in the order of the table's columns above. */
    private static List<Object> fields(UserState state) {
        return Arrays.asList(state.getUserId().toString(), String.valueOf(state.getVersion()), state.getOrganisationId(),
                state.getDepartmentId(), state.getRoleId(), state.getUserType().name(), state.getLoginMethod().name(),
                state.getStatus().name(), state.getName(), state.getEmail(), state.getPhone(), state.getUsername(),
                state.getExternalId(), String.valueOf(state.getUpdatedAt().toEpochMilli()), state.getLocale(),
                state.getSource());
    }

    /** A user as rows written before the feed existed: straight into the table, so nothing published it. */
    private UUID insertUserWithoutTheFeed(int n) {
        UUID id = timeOrdered();
        jdbc.sql("""
                        insert into app_user (id, request_id, organisation_id, department_id, role_id, user_type,
                            login_method, status, name, locale, created_at)
                        values (?, ?, 'demo-care', 'demo-care.home-care', 'demo-care.caregiver', 'EMPLOYEE', 'MITID',
                            'ACTIVE', ?, 'da', now())""")
                .params(id, "backfill-" + id, "Backfilled Person " + n).update();
        return id;
    }

    /** A UUIDv7 as the worker makes them: after every one made before this millisecond. */
    private static UUID timeOrdered() {
        long random = UUID.randomUUID().getLeastSignificantBits();
        return new UUID((System.currentTimeMillis() << 16) | 0x7000 | (random >>> 52),
                (random & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L);
    }

    private List<UserState> states(UUID userId) {
        return usersTopic().values(userId.toString()).stream().map(UserState.class::cast).toList();
    }

}
