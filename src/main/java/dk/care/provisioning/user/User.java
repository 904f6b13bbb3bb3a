package dk.care.provisioning.user;

import dk.care.provisioning.organisation.Organisation;
import dk.care.provisioning.organisation.UserType;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A new user: the account, its login (a password credential, a MitID identity, or none yet) and,
 * while it must still choose its login, the invitation it is due. Created only from values that
 * passed every rule, and decides its status and locale itself. Holds no plaintext secret: a
 * password hash and an encrypted CPR at most.
 */
record User(
        UUID id,
        String requestId,
        String organisationId,
        String departmentId,
        String roleId,
        UserType userType,
        UserStatus status,
        @Nullable String name,
        @Nullable String email,
        @Nullable String phone,
        @Nullable String externalId,
        String locale,
        @Nullable String source,
        Instant createdAt,
        Login login,
        @Nullable NewInvitation invitation) {

    /**
     * The user an approved request creates in {@code organisation}: in the request's locale or else
     * the organisation's; pending and invited by SMS when it registers itself, active otherwise.
     */
    static User create(ProvisioningRequest request, ValidatedFields fields, Organisation organisation, Login login,
                       Instant now) {
        UUID id = TimeOrderedIds.next();
        String locale = request.locale() == null || request.locale().isBlank() ? organisation.locale()
                : request.locale();
        String phone = textOf(fields.phone(), PhoneNumber::e164);
        boolean registersItself = login instanceof SelfRegistration;
        return new User(id, request.requestId(), organisation.id(), request.departmentId(), request.roleId(),
                request.userType(), registersItself ? UserStatus.PENDING_SELF_REGISTRATION : UserStatus.ACTIVE,
                textOf(fields.name(), PersonName::value), textOf(fields.email(), EmailAddress::value), phone,
                request.externalId(), locale, request.source(), now, login,
                registersItself ? new NewInvitation(TimeOrderedIds.next(), id, phone, locale) : null);
    }

    private static <T> @Nullable String textOf(@Nullable T value, Function<T, String> text) {
        return value == null ? null : text.apply(value);
    }

    /** The new user as the users feed publishes it: its first version, as of its creation. */
    UserSnapshot snapshot() {
        return new UserSnapshot(id, 1, organisationId, departmentId, roleId, userType, login.kind(), status, name,
                email, phone, username(), externalId, createdAt, locale, source);
    }

    @Nullable String username() {
        return login instanceof PasswordCredential credential ? credential.username() : null;
    }

    /** How the user will log in; the kind is published as the login method. */
    sealed interface Login {

        LoginMethod.Kind kind();
    }

    /** Chosen by the user through the invitation; nothing is stored until then. */
    record SelfRegistration() implements Login {

        @Override
        public LoginMethod.Kind kind() {
            return LoginMethod.Kind.PHONE_SELF_REGISTRATION;
        }
    }

    /**
     * Username and Argon2id hash; the username is stored lowercased and unique across organisations.
     * The hash may still be in the making when the user is decided, so that nothing else waits for
     * it; {@link #passwordHash()} waits for it.
     */
    record PasswordCredential(String username, CompletableFuture<String> hashing, boolean mustChangePassword,
                              Instant createdAt) implements Login {

        PasswordCredential(String username, String passwordHash, boolean mustChangePassword, Instant createdAt) {
            this(username, CompletableFuture.completedFuture(passwordHash), mustChangePassword, createdAt);
        }

        /** The PHC string, once hashing is done; a failed hash fails here with its own exception. */
        String passwordHash() {
            try {
                return hashing.join();
            }
            catch (CompletionException ex) {
                throw ex.getCause() instanceof RuntimeException cause ? cause : ex;
            }
        }

        @Override
        public LoginMethod.Kind kind() {
            return LoginMethod.Kind.STANDARD;
        }
    }

    /** CPR ciphertext and blind index; unique per organisation through the index. */
    record MitIdIdentity(String organisationId, String cprCiphertext, String cprBlindIndex) implements Login {

        @Override
        public LoginMethod.Kind kind() {
            return LoginMethod.Kind.MITID;
        }
    }
}
