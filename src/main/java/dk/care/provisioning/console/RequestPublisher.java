package dk.care.provisioning.console;

import dk.care.provisioning.config.TopicProperties;
import dk.care.provisioning.security.SecretEncryption;
import dk.care.provisioning.v1.ByUserId;
import dk.care.provisioning.v1.CancelScheduled;
import dk.care.provisioning.v1.ChangeUserRequest;
import dk.care.provisioning.v1.CreateUserRequest;
import dk.care.provisioning.v1.Deactivate;
import dk.care.provisioning.v1.Erase;
import dk.care.provisioning.v1.MitIdLogin;
import dk.care.provisioning.v1.Move;
import dk.care.provisioning.v1.PhoneSelfRegistration;
import dk.care.provisioning.v1.Reactivate;
import dk.care.provisioning.v1.StandardLogin;
import dk.care.provisioning.v1.UpdateContact;
import dk.care.provisioning.v1.UserType;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Turns a filled-in form into a {@code CreateUserRequest} on the request topic, or a change of a user
 * into a {@code ChangeUserRequest} on the change topic (keyed by the userId, so that a user's changes
 * keep their order), through the same producer and serializer as every other producer of the
 * application: the console is a client of the queue, not a way around it. Passwords and CPR numbers
 * leave encrypted to the worker's public key.
 */
@Component
class RequestPublisher {

    private static final Logger log = LoggerFactory.getLogger(RequestPublisher.class);

    private final KafkaTemplate<Object, Object> kafka;
    private final TopicProperties topics;
    private final SecretEncryption secrets;
    private final ConsoleProperties properties;
    private final Clock clock;

    RequestPublisher(KafkaTemplate<Object, Object> kafka, TopicProperties topics, SecretEncryption secrets,
                     ConsoleProperties properties, Clock clock) {
        this.kafka = kafka;
        this.topics = topics;
        this.secrets = secrets;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Publishes the request on behalf of {@code person} and returns its requestId once the broker has
     * acknowledged it; the user type and login method must be chosen.
     *
     * @throws SecretsRefusedException when the form holds a password or CPR number that may not leave: no
     *         worker key to encrypt it to, and plaintext secrets not allowed; nothing is published then
     */
    String publish(NewUser user, String person) throws PublishFailedException, SecretsRefusedException {
        if (!secrets.sendsSecrets() && (present(user.password()) || present(user.cpr()))) {
            log.warn("Console request for {} not published: it holds a secret, and there is no worker key to encrypt "
                    + "it to (provisioning.security.jwe.key-set-path) nor provisioning.security.allow-plaintext-secrets",
                    person);
            throw new SecretsRefusedException();
        }
        CreateUserRequest request = CreateUserRequest.newBuilder()
                .setRequestId(UUID.randomUUID().toString())
                .setSource(properties.source())
                .setRequestedBy(person)
                .setRequestedAt(Instant.now(clock))
                .setOrganisationId(text(user.organisationId()))
                .setDepartmentId(text(user.departmentId()))
                .setRoleId(text(user.roleId()))
                .setUserType(UserType.valueOf(Objects.requireNonNull(user.userType(), "userType").name()))
                .setName(optional(user.name()))
                .setEmail(optional(user.email()))
                .setPhone(optional(user.phone()))
                .setExternalId(optional(user.externalId()))
                .setLocale(optional(user.locale()))
                .setLogin(login(user))
                .build();
        send(topics.requests(), request.getRequestId(), request, request.getRequestId(), person);
        log.info("Console request {} ({}, {}) published for {}", request.getRequestId(), user.loginMethod(),
                user.userType(), person);
        return request.getRequestId();
    }

    /**
     * Publishes {@code change} of the user on behalf of {@code person}, made against the user's
     * {@code expectedVersion}, and returns its requestId once the broker has acknowledged it.
     */
    String publish(UUID userId, String organisationId, long expectedVersion, UserChange change, String person)
            throws PublishFailedException {
        ChangeUserRequest request = ChangeUserRequest.newBuilder()
                .setRequestId(UUID.randomUUID().toString())
                .setSource(properties.source())
                .setRequestedBy(person)
                .setRequestedAt(Instant.now(clock))
                .setOrganisationId(organisationId)
                .setUser(ByUserId.newBuilder().setUserId(userId).build())
                .setExpectedVersion(expectedVersion)
                .setChange(change(change))
                .build();
        send(topics.userChanges(), userId.toString(), request, request.getRequestId(), person);
        log.info("Console change {} ({}) of user {} published for {}", request.getRequestId(),
                change.getClass().getSimpleName(), userId, person);
        return request.getRequestId();
    }

    private void send(String topic, String key, Object request, String requestId, String person)
            throws PublishFailedException {
        try {
            kafka.send(topic, key, request).get(properties.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Console request {} for {} could not be published: {}", requestId, person,
                    e.getClass().getSimpleName());
            throw new PublishFailedException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException(e);
        }
    }

    /** The change as the contract's union names it. */
    private static Object change(UserChange change) {
        return switch (change) {
            case UserChange.Move move -> Move.newBuilder().setDepartmentId(move.departmentId())
                    .setRoleId(move.roleId()).build();
            case UserChange.UpdateContact contact -> UpdateContact.newBuilder().setName(contact.name())
                    .setEmail(contact.email()).setPhone(contact.phone()).setLocale(contact.locale()).build();
            case UserChange.Deactivate deactivate -> Deactivate.newBuilder().setReason(deactivate.reason()).build();
            case UserChange.Reactivate reactivate -> Reactivate.newBuilder().build();
            case UserChange.Erase erase -> Erase.newBuilder().build();
            case UserChange.CancelScheduled cancel -> CancelScheduled.newBuilder().setRequestId(cancel.requestId()).build();
        };
    }

    private Object login(NewUser user) {
        return switch (Objects.requireNonNull(user.loginMethod(), "loginMethod")) {
            case PHONE_SELF_REGISTRATION -> PhoneSelfRegistration.newBuilder().build();
            case STANDARD -> StandardLogin.newBuilder().setUsername(text(user.username()))
                    .setPassword(secret(user.password())).setMustChangePassword(Boolean.TRUE.equals(user.mustChangePassword())).build();
            case MITID -> MitIdLogin.newBuilder().setCpr(secret(user.cpr())).build();
        };
    }

    /** A blank secret stays blank, so the worker names it missing rather than undecryptable. */
    private String secret(@Nullable String plaintext) {
        return plaintext == null || plaintext.isEmpty() ? "" : secrets.encrypt(plaintext);
    }

    private static boolean present(@Nullable String secret) {
        return secret != null && !secret.isEmpty();
    }

    private static String text(@Nullable String value) {
        return value == null ? "" : value.strip();
    }

    private static @Nullable String optional(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The form holds a secret, and this worker may neither encrypt it nor send it as plaintext. */
    static final class SecretsRefusedException extends Exception {
        SecretsRefusedException() {
            super("no worker key to encrypt secrets to, and plaintext secrets not allowed");
        }
    }

    /** The broker did not acknowledge the request in time; nothing is known to have been published. */
    static final class PublishFailedException extends Exception {
        PublishFailedException(Throwable cause) {
            super("the request could not be published", cause);
        }
    }
}
