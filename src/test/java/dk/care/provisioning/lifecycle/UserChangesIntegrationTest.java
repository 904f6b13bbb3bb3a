package dk.care.provisioning.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.care.provisioning.security.PasswordHasher;
import dk.care.provisioning.security.Secret;
import dk.care.provisioning.testing.Changes;
import dk.care.provisioning.testing.OutcomeConsumer;
import dk.care.provisioning.testing.Requests;
import dk.care.provisioning.testing.WorkerIntegrationTest;
import dk.care.provisioning.v1.ChangeKind;
import dk.care.provisioning.v1.ChangeUserRequest;
import dk.care.provisioning.v1.CreateUserRequest;
import dk.care.provisioning.v1.ErrorCode;
import dk.care.provisioning.v1.StandardLogin;
import dk.care.provisioning.v1.UserChangeFailed;
import dk.care.provisioning.v1.UserChanged;
import dk.care.provisioning.v1.UserCreated;
import dk.care.provisioning.v1.UserState;
import dk.care.provisioning.v1.UserStatus;
import dk.care.provisioning.v1.ValidationError;
import dk.care.provisioning.registry.ConfluentAvroSerializer;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Change requests on the real broker and database (docs/lifecycle.md): every kind of change, the
 * leaver's password and invitations, and every bad input, each answered by its outcome with nothing
 * else changed.
 */
class UserChangesIntegrationTest extends WorkerIntegrationTest {

    private static final String PASSWORD = "a long and private passphrase";
    private static OutcomeConsumer changeOutcomes;
    private static OutcomeConsumer userStates;

    @Autowired
    private PasswordHasher hasher;

    @Autowired
    private ScheduledChanges scheduledChanges;

    @Autowired
    private MeterRegistry meters;

    @AfterAll
    static void closeChangeOutcomes() throws InterruptedException {
        if (changeOutcomes != null) {
            changeOutcomes.close();
            changeOutcomes = null;
        }
        if (userStates != null) {
            userStates.close();
            userStates = null;
        }
    }

    @Test
    void movesAUserToAnotherDepartmentAndRoleAndRaisesItsVersion() {
        UUID userId = create(Requests.phoneSelfRegistration());
        ChangeUserRequest move = Changes.of(userId, Changes.move("demo-care.nursing-home", "demo-care.relative"))
                .setExpectedVersion(1L).build();

        UserChanged changed = change(move, UserChanged.class);

        assertThat(changed.getUserId()).isEqualTo(userId);
        assertThat(changed.getChange()).isEqualTo(ChangeKind.MOVE);
        assertThat(changed.getVersion()).isEqualTo(2);
        assertThat(changed.getStatus()).isEqualTo(UserStatus.PENDING_SELF_REGISTRATION);
        assertThat(changed.getChangedFields()).containsExactly("departmentId");
        assertThat(changed.getScheduledFor()).isNull();
        assertThat(changed.getCorrelationId()).isEqualTo(move.getCorrelationId());
        assertThat(user(userId)).containsEntry("department_id", "demo-care.nursing-home").containsEntry("version", 2L);
        assertThat(jdbc.sql("select outcome, user_id from processed_request where request_id = ?")
                .param(move.getRequestId()).query().singleRow())
                .containsEntry("outcome", "CHANGED").containsEntry("user_id", userId);
        assertThat(jdbc.sql("select outcome, source, requested_by, user_id, error_codes from audit_entry where request_id = ?")
                .param(move.getRequestId()).query().singleRow())
                .containsEntry("outcome", "MOVED").containsEntry("source", "hr-test")
                .containsEntry("requested_by", "hr.tester").containsEntry("user_id", userId)
                .containsEntry("error_codes", null);
        assertThat(meters.get("provisioning.changes").tag("outcome", "changed").counter().count()).isPositive();
        await().atMost(Duration.ofSeconds(30)).until(() -> userStates().values(userId.toString()).size() == 2);
        UserState moved = (UserState) userStates().values(userId.toString()).getLast();
        assertThat(moved.getVersion()).isEqualTo(2);
        assertThat(moved.getDepartmentId()).isEqualTo("demo-care.nursing-home");
    }

    @Test
    void updatesContactDetailsByExternalIdNormalisedAndPublishesNoPersonalData() {
        CreateUserRequest.Builder creation = Requests.standard(encrypted(PASSWORD));
        UUID userId = create(creation);
        ChangeUserRequest update = Changes.ofExternalId(creation.getExternalId(), Changes.contact()
                .setPhone("+45 20 99 88 77").setEmail("new.address@example.org").setLocale("sv").build()).build();

        UserChanged changed = change(update, UserChanged.class);

        assertThat(changed.getUserId()).isEqualTo(userId);
        assertThat(changed.getChangedFields()).containsExactly("email", "phone", "locale");
        assertThat(changed.toString()).doesNotContain("2099", "new.address");
        assertThat(user(userId)).containsEntry("phone", "+4520998877").containsEntry("email", "new.address@example.org")
                .containsEntry("locale", "sv").containsEntry("name", "Jens Jensen").containsEntry("version", 2L);
    }

    @Test
    void aLeaversPasswordStopsWorkingAndWorksAgainAfterReactivation() {
        UUID userId = create(Requests.standard(encrypted(PASSWORD)));
        assertThat(hasher.matches(Secret.of(PASSWORD), passwordHash(userId))).isTrue();

        UserChanged deactivated = change(Changes.of(userId, Changes.deactivate()).build(), UserChanged.class);
        assertThat(deactivated.getStatus()).isEqualTo(UserStatus.DEACTIVATED);
        assertThat(deactivated.getVersion()).isEqualTo(2);
        assertThat(hasher.matches(Secret.of(PASSWORD), passwordHash(userId))).isFalse();
        assertThat(user(userId)).containsEntry("status", "DEACTIVATED")
                .containsEntry("status_before_deactivation", "ACTIVE");

        UserChanged again = change(Changes.of(userId, Changes.deactivate()).build(), UserChanged.class);
        assertThat(again.getVersion()).isEqualTo(2);
        assertThat(again.getChangedFields()).isEmpty();
        assertThat(hasher.matches(Secret.of(PASSWORD), passwordHash(userId))).isFalse();

        UserChanged reactivated = change(Changes.of(userId, Changes.reactivate()).build(), UserChanged.class);
        assertThat(reactivated.getStatus()).isEqualTo(UserStatus.ACTIVE);
        assertThat(reactivated.getVersion()).isEqualTo(3);
        assertThat(hasher.matches(Secret.of(PASSWORD), passwordHash(userId))).isTrue();
        assertThat(user(userId)).containsEntry("status", "ACTIVE").containsEntry("status_before_deactivation", null)
                .containsEntry("deactivated_at", null);
    }

    @Test
    void aLeaversInvitationsAreRevokedAndReactivationSendsAFreshOne() {
        UUID userId = create(Requests.phoneSelfRegistration().setPhone(Requests.uniquePhone()));
        UUID first = jdbc.sql("select id from invitation where user_id = ?").param(userId).query(UUID.class).single();

        change(Changes.of(userId, Changes.deactivate()).build(), UserChanged.class);
        assertThat(invitationStatuses(userId)).containsExactly("REVOKED");

        UserChanged reactivated = change(Changes.of(userId, Changes.reactivate()).build(), UserChanged.class);
        assertThat(reactivated.getStatus()).isEqualTo(UserStatus.PENDING_SELF_REGISTRATION);
        assertThat(jdbc.sql("select status from invitation where id = ?").param(first).query(String.class).single())
                .isEqualTo("REVOKED");
        assertThat(jdbc.sql("select count(*) from invitation where user_id = ? and id <> ? and status in ('PENDING', 'SENT')")
                .param(userId).param(first).query(Long.class).single()).isOne();
    }

    @Test
    void aPendingInviteesNewPhoneNumberGetsANewInvitationAndTheOldLinkDies() {
        UUID userId = create(Requests.phoneSelfRegistration().setPhone(Requests.uniquePhone()));
        UUID first = jdbc.sql("select id from invitation where user_id = ?").param(userId).query(UUID.class).single();
        String newPhone = Requests.uniquePhone();

        change(Changes.of(userId, Changes.contact().setPhone(newPhone).build()).build(), UserChanged.class);

        assertThat(jdbc.sql("select status from invitation where id = ?").param(first).query(String.class).single())
                .isEqualTo("REVOKED");
        assertThat(jdbc.sql("select phone from invitation where user_id = ? and id <> ? and status in ('PENDING', 'SENT')")
                .param(userId).param(first).query(String.class).list()).containsExactly(newPhone);
    }

    @Test
    void erasesOnlyADeactivatedUser() {
        UUID userId = create(Requests.phoneSelfRegistration());
        Map<String, Object> before = user(userId);

        UserChangeFailed active = change(Changes.of(userId, Changes.erase()).build(), UserChangeFailed.class);
        assertThat(active.getErrors()).extracting(ValidationError::getCode).containsExactly(ErrorCode.NOT_DEACTIVATED);
        assertThat(active.getUserId()).isEqualTo(userId);
        assertThat(user(userId)).isEqualTo(before);

        change(Changes.of(userId, Changes.deactivate()).build(), UserChanged.class);
        UserChanged erased = change(Changes.of(userId, Changes.erase()).build(), UserChanged.class);
        assertThat(erased.getStatus()).isEqualTo(UserStatus.ERASED);
        assertThat(erased.getVersion()).isEqualTo(3);

        Map<String, Object> afterErasure = user(userId);
        assertThat(afterErasure).containsEntry("status", "ERASED").containsEntry("name", null)
                .containsEntry("phone", null).containsEntry("version", 3L);
        assertThat(invitationStatuses(userId)).isEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> userStates().values(userId.toString()).size() >= 3);
        assertThat(userStates().values(userId.toString()).getLast()).as("tombstone").isNull();
        UserChangeFailed afterwards = change(Changes.of(userId, Changes.reactivate()).build(), UserChangeFailed.class);
        assertThat(afterwards.getErrors()).extracting(ValidationError::getCode).containsExactly(ErrorCode.USER_ERASED);
        assertThat(user(userId)).isEqualTo(afterErasure);
    }

    @Test
    void aUserOfAnotherOrganisationIsAnsweredExactlyAsAnUnknownOne() {
        UUID userId = create(Requests.phoneSelfRegistration());
        Map<String, Object> before = user(userId);

        UserChangeFailed otherOrganisation = change(Changes.of(userId, Changes.deactivate())
                .setOrganisationId("demo-omsorg").build(), UserChangeFailed.class);
        UserChangeFailed unknown = change(Changes.of(UUID.randomUUID(), Changes.deactivate())
                .setOrganisationId("demo-omsorg").build(), UserChangeFailed.class);

        assertThat(otherOrganisation.getErrors()).isEqualTo(unknown.getErrors());
        assertThat(otherOrganisation.getErrors()).extracting(ValidationError::getCode)
                .containsExactly(ErrorCode.USER_NOT_FOUND);
        assertThat(otherOrganisation.getUserId()).isNull();
        assertThat(user(userId)).isEqualTo(before);
        assertThat(invitationStatuses(userId)).doesNotContain("REVOKED");
    }

    @Test
    void refusesAStaleVersionAMoveToAClosedDepartmentAndACancelOfAnUnknownScheduleAllAtOnce() {
        UUID userId = create(Requests.phoneSelfRegistration());
        change(Changes.of(userId, Changes.contact().setName("Karen Hansen-Berg").build()).build(), UserChanged.class);
        Map<String, Object> before = user(userId);

        UserChangeFailed stale = change(Changes.of(userId, Changes.move("demo-care.closed", "demo-care.admin"))
                .setExpectedVersion(1L).build(), UserChangeFailed.class);
        assertThat(stale.getErrors()).extracting(ValidationError::getCode, ValidationError::getField)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(ErrorCode.VERSION_CONFLICT, "expectedVersion"),
                        org.assertj.core.groups.Tuple.tuple(ErrorCode.DEPARTMENT_NOT_FOUND, "change.departmentId"),
                        org.assertj.core.groups.Tuple.tuple(ErrorCode.ROLE_NOT_ALLOWED_FOR_USER_TYPE, "change.roleId"));
        UserChangeFailed cancel = change(Changes.of(userId, Changes.cancel(UUID.randomUUID().toString())).build(),
                UserChangeFailed.class);
        assertThat(cancel.getErrors()).extracting(ValidationError::getCode).containsExactly(ErrorCode.SCHEDULE_NOT_FOUND);

        assertThat(user(userId)).isEqualTo(before);
        assertThat(jdbc.sql("select code from request_violation where request_id = ? order by position")
                .param(stale.getRequestId()).query(String.class).list())
                .containsExactlyInAnyOrder("VERSION_CONFLICT", "DEPARTMENT_NOT_FOUND", "ROLE_NOT_ALLOWED_FOR_USER_TYPE");
        assertThat(jdbc.sql("select outcome from processed_request where request_id = ?").param(stale.getRequestId())
                .query(String.class).single()).isEqualTo("CHANGE_FAILED");
    }

    @Test
    void garbageInEveryFieldIsRefusedWithEveryViolation() {
        UUID userId = create(Requests.phoneSelfRegistration());
        Map<String, Object> before = user(userId);
        ChangeUserRequest garbage = Changes.of(userId, Changes.contact().setName("x".repeat(201))
                        .setEmail("no-at-sign").setPhone("20123456").setLocale("xx-invalid-locale").build())
                .setCorrelationId("bad\ncorrelation").setSource(" ").setRequestedBy("r".repeat(201))
                .setOrganisationId("").build();

        UserChangeFailed failed = change(garbage, UserChangeFailed.class);

        assertThat(failed.getErrors()).extracting(ValidationError::getCode, ValidationError::getField)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(ErrorCode.MALFORMED_MESSAGE, "correlationId"),
                        org.assertj.core.groups.Tuple.tuple(ErrorCode.REQUIRED_FIELD_MISSING, "source"),
                        org.assertj.core.groups.Tuple.tuple(ErrorCode.MALFORMED_MESSAGE, "requestedBy"),
                        org.assertj.core.groups.Tuple.tuple(ErrorCode.REQUIRED_FIELD_MISSING, "organisationId"),
                        org.assertj.core.groups.Tuple.tuple(ErrorCode.NAME_INVALID, "change.name"),
                        org.assertj.core.groups.Tuple.tuple(ErrorCode.EMAIL_INVALID, "change.email"),
                        org.assertj.core.groups.Tuple.tuple(ErrorCode.PHONE_MISSING_COUNTRY_CODE, "change.phone"),
                        org.assertj.core.groups.Tuple.tuple(ErrorCode.UNSUPPORTED_LOCALE, "change.locale"),
                        org.assertj.core.groups.Tuple.tuple(ErrorCode.USER_NOT_FOUND, "user"));
        assertThat(user(userId)).isEqualTo(before);
    }

    @Test
    void anEmptyUpdateContactIsRefused() {
        UUID userId = create(Requests.phoneSelfRegistration());
        UserChangeFailed failed = change(Changes.of(userId, Changes.contact().setName(" ").build()).build(),
                UserChangeFailed.class);
        assertThat(failed.getErrors()).extracting(ValidationError::getCode, ValidationError::getField)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ErrorCode.REQUIRED_FIELD_MISSING, "change"));
    }

    @Test
    void aRepeatedRequestRepublishesItsOutcomeAndAReusedRequestIdIsRefused() {
        UUID userId = create(Requests.phoneSelfRegistration());
        ChangeUserRequest move = Changes.of(userId, Changes.move("demo-care.nursing-home", "demo-care.relative")).build();
        UserChanged first = change(move, UserChanged.class);

        sendChange(ChangeUserRequest.newBuilder(move).setCorrelationId("another transport id").build());
        ChangeUserRequest reused = ChangeUserRequest.newBuilder(move)
                .setChange(Changes.move("demo-care.home-care", "demo-care.relative")).build();
        sendChange(reused);
        ChangeUserRequest creationsId = Changes.of(userId, Changes.deactivate())
                .setRequestId(jdbc.sql("select request_id from app_user where id = ?").param(userId)
                        .query(String.class).single()).build();
        sendChange(creationsId);

        await().atMost(Duration.ofSeconds(30)).until(() -> changeOutcomes().values(move.getRequestId()).size() == 3);
        List<Object> outcomes = changeOutcomes().values(move.getRequestId());
        assertThat(((UserChanged) outcomes.get(1)).getEventId()).isEqualTo(first.getEventId());
        assertThat(((UserChangeFailed) outcomes.get(2)).getErrors()).extracting(ValidationError::getCode)
                .containsExactly(ErrorCode.IDEMPOTENCY_KEY_REUSED);
        assertThat(changeOutcomes().awaitOutcome(creationsId.getRequestId(), UserChangeFailed.class).getErrors())
                .extracting(ValidationError::getCode).containsExactly(ErrorCode.IDEMPOTENCY_KEY_REUSED);
        assertThat(user(userId)).containsEntry("department_id", "demo-care.nursing-home")
                .containsEntry("status", "PENDING_SELF_REGISTRATION").containsEntry("version", 2L);
    }

    @Test
    void sendsAnUnreadableChangeToItsDeadLetterTopicAsItCameAndGoesOn() {
        UUID userId = create(Requests.phoneSelfRegistration());
        byte[] poison = "definitely not avro".getBytes(StandardCharsets.UTF_8);
        String key = userId.toString();
        produceRaw(key, poison);
        ChangeUserRequest next = Changes.of(userId, Changes.deactivate()).build();
        sendChange(next);

        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(key);
        assertThat(dead.value()).isEqualTo(poison);
        assertThat(header(dead, "kafka_dlt-original-topic")).isEqualTo(topics.userChanges());
        assertThat(changeOutcomes().awaitOutcome(next.getRequestId(), UserChanged.class).getStatus())
                .isEqualTo(UserStatus.DEACTIVATED);
    }

    @Test
    void appliesADatedChangeWhenDueAndPublishesItsOutcomeUnderTheSameRequestId() {
        UUID userId = create(Requests.phoneSelfRegistration());
        Instant due = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.MILLIS);
        ChangeUserRequest dated = Changes.of(userId, Changes.move("demo-care.nursing-home", "demo-care.relative"))
                .setEffectiveAt(due).build();

        UserChanged accepted = change(dated, UserChanged.class);
        assertThat(accepted.getScheduledFor()).isEqualTo(due);
        assertThat(accepted.getVersion()).isEqualTo(1);
        assertThat(accepted.getChangedFields()).isEmpty();
        assertThat(scheduledChanges.of(userId)).singleElement().satisfies(scheduled -> {
            assertThat(scheduled.requestId()).isEqualTo(dated.getRequestId());
            assertThat(scheduled.change()).isEqualTo(dk.care.provisioning.lifecycle.ChangeKind.MOVE);
            assertThat(scheduled.dueAt()).isEqualTo(due);
            assertThat(scheduled.departmentId()).isEqualTo("demo-care.nursing-home");
        });
        assertThat(processedOutcome(dated.getRequestId())).isEqualTo("SCHEDULED");
        assertThat(user(userId)).containsEntry("department_id", "demo-care.home-care");

        UserChanged applied = (UserChanged) awaitOutcomes(dated.getRequestId(), 2).get(1);
        assertThat(applied.getEventId()).isNotEqualTo(accepted.getEventId());
        assertThat(applied.getScheduledFor()).isNull();
        assertThat(applied.getVersion()).isEqualTo(2);
        assertThat(applied.getChangedFields()).containsExactly("departmentId");
        assertThat(applied.getOccurredAt()).isAfterOrEqualTo(due);
        assertThat(user(userId)).containsEntry("department_id", "demo-care.nursing-home");
        assertThat(processedOutcome(dated.getRequestId())).isEqualTo("CHANGED");
        assertThat(scheduledChanges.of(userId)).isEmpty();
        assertThat(jdbc.sql("select state, department_id from scheduled_change where request_id = ?")
                .param(dated.getRequestId()).query().singleRow())
                .containsEntry("state", "APPLIED").containsEntry("department_id", null);
        assertThat(jdbc.sql("select outcome from audit_entry where request_id = ? order by id")
                .param(dated.getRequestId()).query(String.class).list()).containsExactly("CHANGE_SCHEDULED", "MOVED");
    }

    @Test
    void checksADatedChangeAgainWhenDueSoADatedErasureMayFollowADatedDeactivationOnly() {
        UUID leaver = create(Requests.phoneSelfRegistration());
        UUID stayer = create(Requests.phoneSelfRegistration());
        Instant due = Instant.now().plusSeconds(2);
        change(Changes.of(leaver, Changes.deactivate()).setEffectiveAt(due).build(), UserChanged.class);
        ChangeUserRequest erasure = Changes.of(leaver, Changes.erase()).setEffectiveAt(due.plusMillis(1)).build();
        ChangeUserRequest tooEarly = Changes.of(stayer, Changes.erase()).setEffectiveAt(due).build();
        change(erasure, UserChanged.class);
        change(tooEarly, UserChanged.class);

        assertThat(((UserChanged) awaitOutcomes(erasure.getRequestId(), 2).get(1)).getStatus())
                .isEqualTo(UserStatus.ERASED);
        UserChangeFailed refused = (UserChangeFailed) awaitOutcomes(tooEarly.getRequestId(), 2).get(1);
        assertThat(refused.getErrors()).extracting(ValidationError::getCode).containsExactly(ErrorCode.NOT_DEACTIVATED);
        assertThat(processedOutcome(tooEarly.getRequestId())).isEqualTo("CHANGE_FAILED");
        assertThat(jdbc.sql("select code from request_violation where request_id = ?").param(tooEarly.getRequestId())
                .query(String.class).list()).containsExactly("NOT_DEACTIVATED");
        assertThat(user(stayer)).containsEntry("status", "PENDING_SELF_REGISTRATION").containsEntry("version", 1L);
    }

    @Test
    void aCancelledScheduledChangeIsNeverApplied() {
        UUID userId = create(Requests.phoneSelfRegistration());
        Instant due = Instant.now().plusSeconds(2);
        ChangeUserRequest dated = Changes.of(userId, Changes.deactivate()).setEffectiveAt(due).build();
        change(dated, UserChanged.class);
        ChangeUserRequest cancel = Changes.of(userId, Changes.cancel(dated.getRequestId())).build();

        UserChanged cancelled = change(cancel, UserChanged.class);
        assertThat(cancelled.getChange()).isEqualTo(ChangeKind.CANCEL_SCHEDULED);
        assertThat(cancelled.getVersion()).isEqualTo(1);
        assertThat(scheduledChanges.of(userId)).isEmpty();
        UserChangeFailed again = change(Changes.of(userId, Changes.cancel(dated.getRequestId())).build(),
                UserChangeFailed.class);
        assertThat(again.getErrors()).extracting(ValidationError::getCode).containsExactly(ErrorCode.SCHEDULE_NOT_FOUND);

        // The scheduler applies due changes oldest first: once a later one is applied, the cancelled one had its turn.
        ChangeUserRequest later = Changes.of(userId, Changes.contact().setName("Karen Later").build())
                .setEffectiveAt(due.plusMillis(500)).build();
        change(later, UserChanged.class);
        awaitOutcomes(later.getRequestId(), 2);
        assertThat(changeOutcomes().values(dated.getRequestId())).hasSize(1);
        assertThat(processedOutcome(dated.getRequestId())).isEqualTo("CANCELLED");
        assertThat(jdbc.sql("select state, closed_by from scheduled_change where request_id = ?")
                .param(dated.getRequestId()).query().singleRow())
                .containsEntry("state", "CANCELLED").containsEntry("closed_by", cancel.getRequestId());
        assertThat(user(userId)).containsEntry("status", "PENDING_SELF_REGISTRATION").containsEntry("version", 2L);
    }

    @Test
    void tenThousandChangesOfOneUserEachGetTheirOutcomeInOrder() {
        UUID userId = create(Requests.phoneSelfRegistration());
        List<String> requestIds = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ChangeUserRequest update = Changes.of(userId, Changes.contact().setName("Karen " + i).build()).build();
            requestIds.add(update.getRequestId());
            kafka.send(topics.userChanges(), userId.toString(), update);
        }
        kafka.flush();
        ChangeUserRequest other = Changes.of(create(Requests.phoneSelfRegistration()), Changes.deactivate()).build();
        sendChange(other);

        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                .until(() -> requestIds.stream().allMatch(id -> !changeOutcomes().values(id).isEmpty()));
        assertThat(requestIds).allSatisfy(id -> assertThat(changeOutcomes().values(id)).singleElement()
                .isInstanceOf(UserChanged.class));
        assertThat(((UserChanged) changeOutcomes().values(requestIds.getLast()).getFirst()).getVersion())
                .isEqualTo(10_001);
        assertThat(user(userId)).containsEntry("name", "Karen 9999").containsEntry("version", 10_001L);
        assertThat(changeOutcomes().awaitOutcome(other.getRequestId(), UserChanged.class)).isNotNull();
    }

    private List<Object> awaitOutcomes(String requestId, int count) {
        await().atMost(Duration.ofSeconds(60)).until(() -> changeOutcomes().values(requestId).size() >= count);
        return changeOutcomes().values(requestId);
    }

    private String processedOutcome(String requestId) {
        return jdbc.sql("select outcome from processed_request where request_id = ?").param(requestId)
                .query(String.class).single();
    }

    @Test
    void aUserIdThatIsNoUuidMakesTheRecordUnreadableSoItGoesToTheDeadLetterTopic() {
        Schema schema = ChangeUserRequest.getClassSchema();
        var user = new GenericData.Record(schema.getField("user").schema().getTypes().getFirst());
        user.put("userId", "not-a-uuid-" + UUID.randomUUID());
        var deactivate = new GenericData.Record(schema.getField("change").schema().getTypes().get(2));
        deactivate.put("reason", null);
        var request = new GenericData.Record(schema);
        request.put("requestId", UUID.randomUUID().toString());
        request.put("source", "hr-test");
        request.put("requestedAt", Instant.now().toEpochMilli());
        request.put("organisationId", "demo-care");
        request.put("user", user);
        request.put("change", deactivate);
        byte[] bytes;
        try (var serializer = new ConfluentAvroSerializer()) {
            serializer.configure(Map.of("schema.registry.url", registryUrl()), false);
            bytes = serializer.serialize(topics.userChanges(), request);
        }
        String key = user.get("userId").toString();
        produceRaw(key, bytes);

        assertThat(awaitDeadLetter(key).value()).isEqualTo(bytes);
        assertThat(jdbc.sql("select count(*) from processed_request where request_id = ?")
                .param(request.get("requestId").toString()).query(Long.class).single()).isZero();
    }

    private UUID create(CreateUserRequest.Builder request) {
        CreateUserRequest built = request.build();
        send(built);
        return outcomes().awaitOutcome(built.getRequestId(), UserCreated.class).getUserId();
    }

    private <T> T change(ChangeUserRequest request, Class<T> outcome) {
        sendChange(request);
        Object value = changeOutcomes().awaitOutcome(request.getRequestId(), org.apache.avro.specific.SpecificRecord.class);
        assertThat(value).isInstanceOf(outcome);
        return outcome.cast(value);
    }

    private void sendChange(ChangeUserRequest request) {
        kafka.send(topics.userChanges(), Changes.key(request), request).join();
    }

    private synchronized OutcomeConsumer userStates() {
        if (userStates == null) {
            userStates = new OutcomeConsumer(bootstrapServers(), registryUrl(), List.of(topics.users()));
        }
        return userStates;
    }

    private synchronized OutcomeConsumer changeOutcomes() {
        if (changeOutcomes == null) {
            changeOutcomes = new OutcomeConsumer(bootstrapServers(), registryUrl(),
                    List.of(topics.userChanged(), topics.userChangeFailed()));
        }
        return changeOutcomes;
    }

    private Map<String, Object> user(UUID userId) {
        return jdbc.sql("select * from app_user where id = ?").param(userId).query().singleRow();
    }

    private String passwordHash(UUID userId) {
        return jdbc.sql("select password_hash from password_credential where user_id = ?").param(userId)
                .query(String.class).single();
    }

    private List<String> invitationStatuses(UUID userId) {
        return jdbc.sql("select status from invitation where user_id = ? order by created_at").param(userId)
                .query(String.class).list();
    }

    private void produceRaw(String key, byte[] value) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topics.userChanges(), key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private ConsumerRecord<String, byte[]> awaitDeadLetter(String key) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topics.changesDeadLetter()));
            var seen = new java.util.concurrent.ConcurrentHashMap<String, ConsumerRecord<String, byte[]>>();
            return await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> seen.put(record.key(), record));
                return seen.get(key);
            }, record -> record != null);
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
