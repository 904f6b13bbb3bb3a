package dk.care.provisioning.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.care.provisioning.organisation.UserType;
import dk.care.provisioning.query.AdminQueries;
import dk.care.provisioning.query.RequestState;
import dk.care.provisioning.testing.CapturedLogs;
import dk.care.provisioning.testing.OutcomeConsumer;
import dk.care.provisioning.testing.Requests;
import dk.care.provisioning.testing.WorkerIntegrationTest;
import dk.care.provisioning.user.LoginMethod;
import dk.care.provisioning.v1.CreateUserRequest;
import dk.care.provisioning.v1.MitIdLogin;
import dk.care.provisioning.v1.StandardLogin;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The console publishes through the queue: its request is on the request topic with the console as
 * source and the signed-in person as requestedBy, its secrets are JWE there and in no log line, and the
 * outcome comes back through the query API.
 */
class ConsolePublishingIntegrationTest extends WorkerIntegrationTest {

    @Autowired
    RequestPublisher publisher;

    @Autowired
    AdminQueries queries;

    @Test
    void publishesToTheRequestTopicWithEncryptedSecretsAndSeesTheOutcome() throws Exception {
        String password = "console typed passphrase " + UUID.randomUUID();
        String cpr = Requests.uniqueCpr();
        String username = "console." + UUID.randomUUID().toString().substring(0, 8);
        NewUser standard = user(LoginMethod.Kind.STANDARD, username, password, null);
        NewUser mitId = user(LoginMethod.Kind.MITID, null, null, cpr);

        String standardId;
        String mitIdRequest;
        try (CapturedLogs logs = CapturedLogs.start();
             var requests = OutcomeConsumer.fromEnd(bootstrapServers(), registryUrl(), topics.requests())) {
            standardId = publisher.publish(standard, "Anna Admin");
            mitIdRequest = publisher.publish(mitId, "Anna Admin");

            CreateUserRequest sent = requests.awaitOutcome(standardId, CreateUserRequest.class);
            assertThat(sent.getSource()).isEqualTo("admin-console");
            assertThat(sent.getRequestedBy()).isEqualTo("Anna Admin");
            String jwe = ((StandardLogin) sent.getLogin()).getPassword();
            assertThat(jwe).doesNotContain(password).matches("[\\w-]+\\.[\\w-]*\\.[\\w-]+\\.[\\w-]+\\.[\\w-]+");
            assertThat(((MitIdLogin) requests.awaitOutcome(mitIdRequest, CreateUserRequest.class).getLogin()).getCpr())
                    .doesNotContain(cpr);

            assertThat(awaitState(standardId).state()).isEqualTo(RequestState.State.CREATED);
            assertThat(awaitState(mitIdRequest).state()).isEqualTo(RequestState.State.CREATED);
            assertThat(logs.events()).isNotEmpty().noneMatch(line -> line.contains(password) || line.contains(cpr));
        }
        assertThat(jdbc.sql("select requested_by from audit_entry where request_id = :id and source = 'admin-console'")
                .param("id", standardId).query(String.class).single()).isEqualTo("Anna Admin");
    }

    @Test
    void aRejectedRequestComesBackWithItsCodesAtTheirFields() throws Exception {
        NewUser bad = new NewUser("demo-care", "demo-care.home-care", "demo-care.admin", UserType.RELATIVE,
                LoginMethod.Kind.PHONE_SELF_REGISTRATION, "Kim", null, "", null, null, null, null, false, null);

        RequestState state = awaitState(publisher.publish(bad, "Anna Admin"));

        assertThat(state.state()).isEqualTo(RequestState.State.FAILED);
        assertThat(state.errors()).extracting(error -> error.code() + "@" + error.field())
                .containsExactlyInAnyOrder("REQUIRED_FIELD_MISSING@phone", "ROLE_NOT_ALLOWED_FOR_USER_TYPE@roleId");
    }

    private RequestState awaitState(String requestId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> queries.requestState(requestId),
                state -> state.state() != RequestState.State.PENDING);
    }

    private static NewUser user(LoginMethod.Kind login, String username, String password, String cpr) {
        return new NewUser("demo-care", "demo-care.home-care", "demo-care.caregiver", UserType.EMPLOYEE, login,
                "Console Person", "console@example.org", "+4520123456", null, null, username, password, false, cpr);
    }
}
