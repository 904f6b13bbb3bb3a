package dk.care.provisioning.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.care.provisioning.config.RetentionProperties;
import dk.care.provisioning.testing.Leavers;
import dk.care.provisioning.testing.Organisations;
import dk.care.provisioning.testing.Requests;
import dk.care.provisioning.testing.WorkerIntegrationTest;
import dk.care.provisioning.v1.CreateUserRequest;
import dk.care.provisioning.v1.UserCreated;
import dk.care.provisioning.v1.UserCreationFailed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * The retention job on the real broker and database: users deactivated longer than erase-after are
 * erased once however many instances run the job, with an audit entry and a tombstone, and the
 * recently deactivated stay; idempotency records past the window go, a creation's stays; the outcome
 * topics the worker creates carry the configured retention.
 */
class RetentionIntegrationTest extends WorkerIntegrationTest {


    @Autowired
    private Retention retention;

    @Autowired
    private RetentionProperties properties;

    @Test
    void erasesUsersDeactivatedLongerThanEraseAfterOnceAcrossTwoInstances() {
        String organisation = Organisations.create(jdbc);
        List<UUID> expired = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            expired.add(leaver(organisation));
        }
        UUID recent = leaver(organisation);
        jdbc.sql("update app_user set deactivated_at = now() - cast(:age as interval) where id = any(:ids)")
                .param("age", properties.eraseAfter().plusDays(1).toString())
                .param("ids", new SqlArrayValue("uuid", expired.toArray()))
                .update();
        Map<String, Object> before = jdbc.sql("select version, name from app_user where id = ?")
                .param(expired.getFirst()).query().singleRow();

        // Two instances' jobs at once: each user is claimed by one of them.
        var threads = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().daemon().factory());
        List<CompletableFuture<Integer>> jobs = List.of(CompletableFuture.supplyAsync(retention::eraseExpired, threads),
                CompletableFuture.supplyAsync(retention::eraseExpired, threads));
        assertThat(jobs.stream().mapToInt(CompletableFuture::join).sum()).isGreaterThanOrEqualTo(expired.size());

        for (UUID id : expired) {
            assertThat(jdbc.sql("select status, name, version from app_user where id = ?").param(id).query().singleRow())
                    .containsEntry("status", "ERASED").containsEntry("name", null);
            assertThat(jdbc.sql("""
                            select source, requested_by, organisation_id from audit_entry
                            where user_id = ? and outcome = 'ERASED'""").param(id).query().listOfRows())
                    .singleElement().satisfies(entry -> assertThat(entry)
                            .containsEntry("source", Retention.SOURCE).containsEntry("organisation_id", organisation)
                            .hasEntrySatisfying("requested_by", by -> assertThat((String) by).contains("erase-after")));
            await("the tombstone").atMost(Duration.ofSeconds(30)).until(() -> usersTopic().values(id.toString()),
                    states -> !states.isEmpty() && states.getLast() == null);
        }
        assertThat((Long) jdbc.sql("select version from app_user where id = ?").param(expired.getFirst())
                .query(Long.class).single()).isEqualTo((Long) before.get("version") + 1);
        assertThat(jdbc.sql("select status, name from app_user where id = ?").param(recent).query().singleRow())
                .containsEntry("status", "DEACTIVATED").hasEntrySatisfying("name", name -> assertThat(name).isNotNull());
        assertThat(retention.eraseExpired()).isZero();
    }

    @Test
    void purgesIdempotencyRecordsPastTheWindowButACreationsAndTreatsARequestSentAfterItAsNew() {
        CreateUserRequest rejected = Requests.phoneSelfRegistration().setPhone("20123456").build();
        CreateUserRequest created = Requests.mitId(encrypted(Requests.uniqueCpr())).build();
        send(rejected);
        send(created);
        UserCreationFailed first = outcomes().awaitOutcome(rejected.getRequestId(), UserCreationFailed.class);
        outcomes().awaitOutcome(created.getRequestId(), UserCreated.class);
        jdbc.sql("update processed_request set processed_at = now() - cast(:age as interval) where request_id = any(:ids)")
                .param("age", properties.idempotencyWindow().plusDays(1).toString())
                .param("ids", new SqlArrayValue("text", new Object[] {rejected.getRequestId(), created.getRequestId()}))
                .update();

        while (retention.purgeProcessedRequests() > 0) {
            // every batch of expired records, this test's among them
        }

        assertThat(count("processed_request", rejected.getRequestId())).isZero();
        assertThat(count("request_violation", rejected.getRequestId())).isZero();
        assertThat(count("processed_request", created.getRequestId())).isOne();
        send(rejected);
        await().atMost(Duration.ofSeconds(30)).until(() -> outcomes().values(rejected.getRequestId()).size() == 2);
        UserCreationFailed again = (UserCreationFailed) outcomes().values(rejected.getRequestId()).getLast();
        assertThat(again.getEventId()).as("decided again, as a new request").isNotEqualTo(first.getEventId());
        assertThat(again.getErrors()).isEqualTo(first.getErrors());
    }

    @Test
    void createsTheOutcomeTopicsWithTheRetentionAndLeavesTheUsersTopicCompacted() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            String retentionMs = String.valueOf(properties.outcomeTopics().toMillis());
            for (String topic : List.of(topics.userCreated(), topics.userCreationFailed(), topics.userActivated(),
                    topics.invitations(), topics.userChanged(), topics.userChangeFailed())) {
                assertThat(config(admin, topic).get(TopicConfig.RETENTION_MS_CONFIG).value()).as(topic)
                        .isEqualTo(retentionMs);
            }
            Config users = config(admin, topics.users());
            assertThat(users.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
            assertThat(users.get(TopicConfig.RETENTION_MS_CONFIG).value()).isNotEqualTo(retentionMs);
        }
    }

    private static Config config(Admin admin, String topic) throws Exception {
        var resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get().get(resource);
    }

    /** A MitID user of the organisation, deactivated through a real request. */
    private UUID leaver(String organisation) {
        CreateUserRequest request = Requests.mitId(encrypted(Requests.uniqueCpr())).setOrganisationId(organisation)
                .setDepartmentId(organisation + ".dept").setRoleId(organisation + ".role").build();
        send(request);
        UUID userId = outcomes().awaitOutcome(request.getRequestId(), UserCreated.class).getUserId();
        Leavers.deactivate(kafka, topics, jdbc, userId, organisation);
        return userId;
    }

    private long count(String table, String requestId) {
        return jdbc.sql("select count(*) from " + table + " where request_id = ?").param(requestId)
                .query(Long.class).single();
    }

}
