package dk.care.provisioning.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.care.provisioning.testing.OutcomeConsumer;
import dk.care.provisioning.testing.Requests;
import dk.care.provisioning.testing.StandaloneInfrastructure;
import dk.care.provisioning.testing.WorkerProcess;
import dk.care.provisioning.v1.CreateUserRequest;
import dk.care.provisioning.v1.ErrorCode;
import dk.care.provisioning.v1.UserCreated;
import dk.care.provisioning.v1.UserCreationFailed;
import dk.care.provisioning.v1.ValidationError;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * docs/design.md §5 "scale-out": worker processes in one consumer group on one database race for the same
 * username, CPR and external id, and instances join and leave while requests flow.
 */
@Execution(ExecutionMode.CONCURRENT)
class ScaleOutTest {

    private static final int RIVALS = 3;
    private static final String PASSWORD = "Vestibule-Marmalade-73";

    @Test
    void racingInstancesCreateOneUserPerUniqueValueAndLoseNothingWhenInstancesJoinAndLeave() throws Exception {
        try (var infrastructure = new StandaloneInfrastructure(Path.of("target", "scale-out-test"));
             OutcomeConsumer outcomes = infrastructure.outcomes()) {
            WorkerProcess first = infrastructure.startWorkers(List.of("worker-a", "worker-b"), name -> Map.of()).getFirst();

            List<Rivals> rivals = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                CreateUserRequest.Builder owner = Requests.standard(PASSWORD);
                rivals.add(new Rivals(ErrorCode.USERNAME_TAKEN,
                        () -> Requests.standard(PASSWORD).setLogin(owner.getLogin())));
                String cpr = Requests.uniqueCpr();
                rivals.add(new Rivals(ErrorCode.CPR_ALREADY_REGISTERED, () -> Requests.mitId(cpr)));
                String externalId = "HR-" + UUID.randomUUID();
                rivals.add(new Rivals(ErrorCode.DUPLICATE_EXTERNAL_ID,
                        () -> Requests.phoneSelfRegistration().setExternalId(externalId)));
            }
            List<CreateUserRequest> stream = IntStream.range(0, 600)
                    .mapToObj(i -> Requests.phoneSelfRegistration().build()).toList();

            // Rivals go out together, keyed by their own requestIds, so they land on different partitions and instances.
            rivals.forEach(group -> group.requests().forEach(infrastructure::send));
            stream.subList(0, 200).forEach(infrastructure::send);
            infrastructure.flush();
            infrastructure.startWorker("worker-c", Map.of());
            stream.subList(200, 400).forEach(infrastructure::send);
            infrastructure.flush();
            first.stop();
            stream.subList(400, 600).forEach(infrastructure::send);
            infrastructure.flush();

            List<CreateUserRequest> all = new ArrayList<>(stream);
            rivals.forEach(group -> all.addAll(group.requests()));
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500)).until(() ->
                    all.stream().noneMatch(request -> outcomes.values(request.getRequestId()).isEmpty()));

            for (CreateUserRequest request : stream) {
                assertThat(outcomes.values(request.getRequestId())).as("outcomes of %s", request.getRequestId())
                        .allMatch(UserCreated.class::isInstance);
            }
            JdbcClient jdbc = infrastructure.jdbc();
            for (Rivals group : rivals) {
                List<Object> firstOutcomes = group.requests().stream()
                        .map(request -> outcomes.values(request.getRequestId()).getFirst()).toList();
                assertThat(firstOutcomes).as("outcomes of rivals for one %s", group.failure())
                        .filteredOn(UserCreated.class::isInstance).hasSize(1);
                assertThat(firstOutcomes).filteredOn(UserCreationFailed.class::isInstance).hasSize(RIVALS - 1)
                        .allSatisfy(failed -> assertThat(((UserCreationFailed) failed).getErrors())
                                .extracting(ValidationError::getCode).containsExactly(group.failure()));
                assertThat(jdbc.sql("select count(*) from app_user where request_id in (:ids)")
                        .param("ids", group.requests().stream().map(CreateUserRequest::getRequestId).toList())
                        .query(Integer.class).single()).as("users for one %s", group.failure()).isEqualTo(1);
            }
            assertThat(jdbc.sql("select count(*) from processed_request").query(Integer.class).single())
                    .isEqualTo(all.size());
        }
    }

    /** Requests from different requestIds that all want the same unique value. */
    private record Rivals(ErrorCode failure, List<CreateUserRequest> requests) {

        Rivals(ErrorCode failure, Supplier<CreateUserRequest.Builder> request) {
            this(failure, IntStream.range(0, RIVALS).mapToObj(i -> request.get().build()).toList());
        }
    }
}
