package dk.care.provisioning.user;

import static dk.care.provisioning.testing.ProvisioningRequests.mitId;
import static dk.care.provisioning.testing.ProvisioningRequests.phoneSelfRegistration;
import static dk.care.provisioning.testing.ProvisioningRequests.standard;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import com.nimbusds.jose.jwk.JWKSet;
import dk.care.provisioning.organisation.DemoReferenceData;
import dk.care.provisioning.security.CprProtector;
import dk.care.provisioning.security.PasswordHasher;
import dk.care.provisioning.security.SecretResolver;
import dk.care.provisioning.testing.CapturedLogs;
import dk.care.provisioning.testing.ProvisioningRequests;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The decisions of provisioning without Spring, Kafka or a database: batch semantics, replay, key
 * reuse, all rules at once, and nothing logged or counted before the write that makes it true.
 * The end-to-end counterparts are in {@code ProvisioningFlowIntegrationTest} and
 * {@code OutcomeLogIntegrationTest}.
 */
class ProvisioningServiceUnitTest {

    private static final String PASSWORD = "a long and private passphrase";
    private static final String CPR = "0101901234";
    private static final CprProtector CPRS = new CprProtector(Map.of("k1", key(1)), "k1", key(2));
    private static final Pattern CREATED = Pattern.compile("Created user (\\S+) \\(\\w+\\) for request (\\S+) \\{.*requestId=\\2");

    private final InMemoryProvisioningStore store = new InMemoryProvisioningStore();
    private final RecordingOutcomePublisher outcomes = new RecordingOutcomePublisher();
    private final ProvisioningService service = service(
            new PasswordHashing(new PasswordHasher(PasswordHasher.Parameters.OWASP_MINIMUM)::hash, 2),
            TransactionOperations.withoutTransaction());

    private ProvisioningService service(PasswordHashing hashing, TransactionOperations transactions) {
        return new ProvisioningService(
                new Screening(new LoginSecrets(new SecretResolver(new JWKSet(), true)),
                        new FieldRules(new PasswordPolicy(PasswordPolicy.DEFAULT_MINIMUM_LENGTH)), CPRS),
                new ReferenceRules(DemoReferenceData.inMemory(), new TextsInDanishSwedishAndEnglish()),
                new Credentials(hashing, CPRS), store, outcomes, transactions, Clock.systemUTC());
    }

    @Test
    void letsLaterRequestsOfABatchSeeWhatEarlierOnesClaimed() {
        var first = standard("anna", PASSWORD).externalId("HR-1").build();
        var sameUsername = standard("ANNA", PASSWORD).build();
        var firstMitId = mitId(CPR).build();
        var sameCpr = mitId("010190-1234").build();
        var sameExternalId = phoneSelfRegistration().externalId("HR-1").build();

        settle(service.provisionAll(List.of(first, sameUsername, firstMitId, sameCpr, sameExternalId)));

        assertThat(store.users()).extracting(User::requestId)
                .containsExactlyInAnyOrder(first.requestId(), firstMitId.requestId());
        assertThat(codesOf(sameUsername)).containsExactly(ErrorCode.USERNAME_TAKEN);
        assertThat(codesOf(sameCpr)).containsExactly(ErrorCode.CPR_ALREADY_REGISTERED);
        assertThat(codesOf(sameExternalId)).containsExactly(ErrorCode.DUPLICATE_EXTERNAL_ID);
    }

    @Test
    void reportsTakenUniqueValuesAlongsideEveryOtherViolation() {
        service.provision(standard("anna", PASSWORD).externalId("HR-1").build());
        service.provision(mitId(CPR).build());

        var takenUsername = standard("Anna", "qwerty123456").email("no-at-sign").build();
        var registeredCpr = mitId(CPR).email("no-at-sign").build();
        var takenExternalId = phoneSelfRegistration().externalId("HR-1").phone("+45123")
                .departmentId("demo-care.closed").build();
        settle(service.provisionAll(List.of(takenUsername, registeredCpr, takenExternalId)));

        assertThat(codesOf(takenUsername)).containsExactlyInAnyOrder(
                ErrorCode.USERNAME_TAKEN, ErrorCode.PASSWORD_TOO_WEAK, ErrorCode.EMAIL_INVALID);
        assertThat(codesOf(registeredCpr)).containsExactlyInAnyOrder(
                ErrorCode.CPR_ALREADY_REGISTERED, ErrorCode.EMAIL_INVALID);
        assertThat(codesOf(takenExternalId)).containsExactlyInAnyOrder(
                ErrorCode.DUPLICATE_EXTERNAL_ID, ErrorCode.PHONE_INVALID, ErrorCode.DEPARTMENT_NOT_FOUND);
    }

    @Test
    void reportsAUsernameTakenEarlierInTheBatchAlongsideTheRequestsOtherViolations() {
        var first = standard("anna", PASSWORD).build();
        var second = standard("anna", PASSWORD).email("no-at-sign").locale("fr").build();

        settle(service.provisionAll(List.of(first, second)));

        assertThat(codesOf(second)).containsExactlyInAnyOrder(
                ErrorCode.USERNAME_TAKEN, ErrorCode.EMAIL_INVALID, ErrorCode.UNSUPPORTED_LOCALE);
    }

    @Test
    void replaysTheFirstOutcomeForARequestRepeatedInItsBatch() {
        ProvisioningRequests.Builder builder = phoneSelfRegistration();
        var request = builder.build();
        var redelivered = builder.correlationId("retry").build();

        settle(service.provisionAll(List.of(request, redelivered)));

        List<PublishedEvent> events = eventsOf(request);
        assertThat(events).hasSize(2);
        assertThat(events.get(1)).isEqualTo(events.get(0));
        assertThat(store.users()).hasSize(1);
        assertThat(outcomes.counted()).hasSize(1);
        assertThat(outcomes.republished()).isOne();
    }

    @Test
    void republishesTheStoredEventWhenARequestComesAgainLater() {
        var request = mitId(CPR).build();
        service.provision(request);

        service.provision(request);

        List<PublishedEvent> events = eventsOf(request);
        assertThat(events).extracting(PublishedEvent::eventId).containsExactly(events.get(0).eventId(),
                events.get(0).eventId());
        assertThat(events.get(1).payload()).isEqualTo(events.get(0).payload());
        assertThat(store.users()).hasSize(1);
    }

    @Test
    void refusesARequestIdReusedForOtherContentUnderAnEventIdThatItsRedeliveriesKeep() {
        ProvisioningRequests.Builder builder = phoneSelfRegistration();
        var request = builder.build();
        service.provision(request);
        var reused = builder.name("Someone Else").build();

        service.provision(reused);
        service.provision(reused);

        List<PublishedEvent> events = eventsOf(request);
        assertThat(events).hasSize(3);
        assertThat(outcomes.outcomeOf(events.get(0))).isInstanceOf(ProvisioningOutcome.Created.class);
        assertThat(codes(events.get(1))).containsExactly(ErrorCode.IDEMPOTENCY_KEY_REUSED);
        assertThat(events.get(2).eventId()).isEqualTo(events.get(1).eventId());
        assertThat(store.processed().get(request.requestId()).outcome()).isEqualTo(ProcessedRequest.Outcome.CREATED);
        assertThat(store.users()).hasSize(1);
    }

    @Test
    void answersARequestWithoutUsableRequestIdButRemembersNothing() {
        var unkeyed = phoneSelfRegistration().requestId(null).build();

        service.provision(unkeyed);
        service.provision(unkeyed);

        assertThat(store.events()).hasSize(2).allSatisfy(event -> {
            assertThat(event.eventId()).isEqualTo(store.events().get(0).eventId());
            assertThat(event.key()).isEmpty();
            assertThat(codes(event)).containsExactly(ErrorCode.REQUIRED_FIELD_MISSING);
        });
        assertThat(store.processed()).isEmpty();
        assertThat(store.auditEntries()).hasSize(2);
    }

    @Test
    void logsAndCountsNothingOfABatchUntilItsWriteSucceeds() {
        var first = phoneSelfRegistration().build();
        var second = standard("anna", PASSWORD).build();
        store.failWrites(2);
        try (CapturedLogs logs = CapturedLogs.start()) {
            assertThatIllegalStateException().isThrownBy(() -> settle(service.provisionAll(List.of(first, second))));
            // The listener's fall-back: one request at a time, the first failing once more.
            assertThatIllegalStateException().isThrownBy(() -> service.provision(first));
            assertThat(createdLines(logs)).isEmpty();
            assertThat(outcomes.counted()).isEmpty();

            service.provision(first);
            service.provision(second);

            assertThat(createdLines(logs)).containsExactly(
                    store.users().get(0).id() + " " + first.requestId(),
                    store.users().get(1).id() + " " + second.requestId());
            assertThat(outcomes.counted()).hasSize(2);
        }
    }

    @Test
    void hashesABatchsApprovedPasswordsSideBySideAndNeverARejectedOnes() {
        // Two hashes must be in progress at the same time to pass the barrier: one after the other, they time out.
        var bothHashing = new CyclicBarrier(2);
        var hashed = new AtomicInteger();
        var hashing = new PasswordHashing(password -> {
            try {
                bothHashing.await(10, TimeUnit.SECONDS);
            }
            catch (Exception ex) {
                throw new IllegalStateException("the passwords were not hashed side by side", ex);
            }
            hashed.incrementAndGet();
            return "hash of " + password.reveal();
        }, 2);
        ProvisioningService hashingService = service(hashing, TransactionOperations.withoutTransaction());
        var anna = standard("anna", PASSWORD).build();
        var taken = standard("ANNA", PASSWORD + " too").build();
        var bo = standard("bo.hansen", PASSWORD + " of bo").build();

        settle(hashingService.provisionAll(List.of(anna, taken, bo)));
        hashing.close();

        assertThat(store.users()).extracting(user -> ((User.PasswordCredential) user.login()).passwordHash())
                .containsExactlyInAnyOrder("hash of " + PASSWORD, "hash of " + PASSWORD + " of bo");
        assertThat(codesOf(taken)).containsExactly(ErrorCode.USERNAME_TAKEN);
        assertThat(hashed).as("the rejected request's password is never hashed").hasValue(2);
    }

    @Test
    void commitsTheBatchWithoutWaitingForItsPasswordsAndEachPasswordInItsOwnTransaction() throws Exception {
        var mayFinish = new CountDownLatch(1);
        var hashing = hashingOnceOpened(mayFinish);
        ProvisioningService gatedService = service(hashing, TransactionOperations.withoutTransaction());
        var password = standard("anna", PASSWORD).build();
        var phone = phoneSelfRegistration().build();
        var mitIdUser = mitId(CPR).build();

        List<CompletableFuture<Void>> settled = gatedService.provisionAll(List.of(password, phone, mitIdUser));

        assertThat(store.writes()).isOne();
        assertThat(store.users()).extracting(User::requestId).containsExactly(phone.requestId(), mitIdUser.requestId());
        assertThat(settled.get(1)).isCompleted();
        assertThat(settled.get(2)).isCompleted();
        assertThat(settled.get(0)).isNotDone();
        assertThat(eventsOf(password)).isEmpty();

        mayFinish.countDown();
        settled.get(0).get(10, TimeUnit.SECONDS);
        hashing.close();

        assertThat(store.writes()).isEqualTo(2);
        assertThat(store.users()).extracting(User::requestId).last().isEqualTo(password.requestId());
        assertThat(eventsOf(password)).singleElement()
                .satisfies(event -> assertThat(outcomes.outcomeOf(event)).isInstanceOf(ProvisioningOutcome.Created.class));
    }

    @Test
    void decidesARequestSharingAUsernameOrRequestIdWithAPasswordInFlightOnlyOnceThatOneIsWritten() throws Exception {
        var mayFinish = new CountDownLatch(1);
        var hashing = hashingOnceOpened(mayFinish);
        ProvisioningService gatedService = service(hashing, TransactionOperations.withoutTransaction());
        var first = standard("anna", PASSWORD).build();
        var unrelated = phoneSelfRegistration().build();
        var takenLater = standard("ANNA", PASSWORD + " too").build();

        List<CompletableFuture<Void>> earlier = gatedService.provisionAll(List.of(first));
        // A later poll: an unrelated request, the same request again, and another one wanting the same username.
        List<CompletableFuture<Void>> later = gatedService.provisionAll(List.of(unrelated, first, takenLater));

        assertThat(later.get(0)).isCompleted();
        assertThat(later.get(1)).isNotDone();
        assertThat(later.get(2)).isNotDone();
        mayFinish.countDown();
        settle(earlier);
        settle(later);
        hashing.close();

        List<PublishedEvent> events = eventsOf(first);
        assertThat(events).hasSize(2);
        assertThat(events.get(1).eventId()).as("a replay of the first outcome").isEqualTo(events.get(0).eventId());
        assertThat(codesOf(takenLater)).containsExactly(ErrorCode.USERNAME_TAKEN);
        assertThat(store.users()).extracting(User::requestId).containsExactly(unrelated.requestId(),
                first.requestId());
    }

    @Test
    void remembersAMalformedRecordUnderItsKeyOnce() {
        service.rejectMalformed("req-malformed", "The value could not be deserialized");
        service.rejectMalformed("req-malformed", "The value could not be deserialized");

        assertThat(store.events()).singleElement().satisfies(event ->
                assertThat(codes(event)).containsExactly(ErrorCode.MALFORMED_MESSAGE));
        assertThat(store.processed()).containsOnlyKeys("req-malformed");
    }

    @Test
    void aReadableCopyOfAnUnreadableRecordSupersedesItsMalformedOutcomeOnceAndIsThenIdempotent() {
        var request = phoneSelfRegistration().build();
        service.rejectMalformed(request.requestId(), "Unknown schema id 42");

        service.provision(request);
        service.provision(request);

        List<PublishedEvent> events = eventsOf(request);
        assertThat(events).hasSize(3);
        assertThat(codes(events.get(0))).containsExactly(ErrorCode.MALFORMED_MESSAGE);
        assertThat(outcomes.outcomeOf(events.get(1))).isInstanceOf(ProvisioningOutcome.Created.class);
        assertThat(events.get(2).eventId()).isEqualTo(events.get(1).eventId());
        assertThat(store.processed().get(request.requestId()).outcome()).isEqualTo(ProcessedRequest.Outcome.CREATED);
        assertThat(store.users()).hasSize(1);
    }

    /** Waits for every outcome of a batch, as the listener's offsets do. */
    private static void settle(List<CompletableFuture<Void>> outcomes) {
        outcomes.forEach(CompletableFuture::join);
    }

    private List<ErrorCode> codesOf(ProvisioningRequest request) {
        return eventsOf(request).stream().flatMap(event -> codes(event).stream()).toList();
    }

    private List<ErrorCode> codes(PublishedEvent event) {
        return outcomes.outcomeOf(event) instanceof ProvisioningOutcome.Rejected rejected
                ? rejected.violations().stream().map(Violation::code).toList() : List.of();
    }

    private List<PublishedEvent> eventsOf(ProvisioningRequest request) {
        return store.events().stream().filter(event -> Objects.equals(event.key(), request.requestId())).toList();
    }

    /** "userId requestId" of every "Created user" line that carries its request in the log context. */
    private static List<String> createdLines(CapturedLogs logs) {
        return logs.events().stream().map(CREATED::matcher).filter(Matcher::find)
                .map(matcher -> matcher.group(1) + " " + matcher.group(2)).toList();
    }

    private static byte[] key(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return key;
    }

    /** Invitation texts exist in Danish, Swedish and English; nothing is issued, as the store is in memory. */
    private static final class TextsInDanishSwedishAndEnglish implements InvitationIssuer {

        @Override
        public boolean supportsLocale(String languageTag) {
            return Set.of("da", "sv", "en").contains(Locale.forLanguageTag(languageTag).getLanguage());
        }

        @Override
        public void issue(List<NewInvitation> invitations) {
            throw new UnsupportedOperationException("the in-memory store keeps the users' invitations");
        }
    }

    /** Two hashing threads whose hashes finish only once {@code mayFinish} is opened (or after ten seconds). */
    private static PasswordHashing hashingOnceOpened(CountDownLatch mayFinish) {
        return new PasswordHashing(password -> {
            try {
                mayFinish.await(10, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            return "hash of " + password.reveal();
        }, 2);
    }
}
