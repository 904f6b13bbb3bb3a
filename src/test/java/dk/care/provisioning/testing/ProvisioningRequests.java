package dk.care.provisioning.testing;

import dk.care.provisioning.organisation.UserType;
import dk.care.provisioning.security.Secret;
import dk.care.provisioning.user.LoginMethod;
import dk.care.provisioning.user.ProvisioningRequest;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Domain requests for unit tests, by name instead of the record's fifteen positional arguments:
 * valid against the demo reference data of docs/design.md §9 (like {@link Requests} for the Avro ones)
 * until a test changes a field. Secrets are plaintext, as after decryption.
 */
public final class ProvisioningRequests {

    private ProvisioningRequests() {
    }

    /** A relative who chooses their own login through an SMS invitation. */
    public static Builder phoneSelfRegistration() {
        return base().userType(UserType.RELATIVE).roleId("demo-care.relative").name("Karen Hansen")
                .phone("+4520123456").login(new LoginMethod.PhoneSelfRegistration());
    }

    /** An employee with a username and password, an e-mail, a phone and an HR number. */
    public static Builder standard(String username, String password) {
        return base().userType(UserType.EMPLOYEE).roleId("demo-care.caregiver").name("Jens Jensen")
                .email("jens@example.org").phone("+4531234567").externalId("HR-" + UUID.randomUUID())
                .login(new LoginMethod.Standard(username, Secret.of(password), false));
    }

    /** An employee who logs in with MitID. */
    public static Builder mitId(String cpr) {
        return base().userType(UserType.EMPLOYEE).roleId("demo-care.caregiver").name("Mette Mortensen")
                .email("mette@example.org").login(new LoginMethod.MitId(Secret.of(cpr)));
    }

    /** A request with every field absent. */
    public static Builder empty() {
        return new Builder();
    }

    private static Builder base() {
        return new Builder().requestId(UUID.randomUUID().toString()).correlationId("corr-" + UUID.randomUUID())
                .source("test").requestedBy("tester").requestedAt(Instant.now()).organisationId("demo-care")
                .departmentId("demo-care.home-care");
    }

    /** Every field of {@link ProvisioningRequest}, settable by name. */
    public static final class Builder {

        private @Nullable String requestId;
        private @Nullable String correlationId;
        private @Nullable String source;
        private @Nullable String requestedBy;
        private @Nullable Instant requestedAt;
        private @Nullable String organisationId;
        private @Nullable String departmentId;
        private @Nullable String roleId;
        private @Nullable UserType userType;
        private @Nullable String name;
        private @Nullable String email;
        private @Nullable String phone;
        private @Nullable String externalId;
        private @Nullable String locale;
        private @Nullable LoginMethod login;

        private Builder() {
        }

        public Builder requestId(@Nullable String requestId) {
            this.requestId = requestId;
            return this;
        }

        public Builder correlationId(@Nullable String correlationId) {
            this.correlationId = correlationId;
            return this;
        }

        public Builder source(@Nullable String source) {
            this.source = source;
            return this;
        }

        public Builder requestedBy(@Nullable String requestedBy) {
            this.requestedBy = requestedBy;
            return this;
        }

        public Builder requestedAt(@Nullable Instant requestedAt) {
            this.requestedAt = requestedAt;
            return this;
        }

        public Builder organisationId(@Nullable String organisationId) {
            this.organisationId = organisationId;
            return this;
        }

        public Builder departmentId(@Nullable String departmentId) {
            this.departmentId = departmentId;
            return this;
        }

        public Builder roleId(@Nullable String roleId) {
            this.roleId = roleId;
            return this;
        }

        public Builder userType(@Nullable UserType userType) {
            this.userType = userType;
            return this;
        }

        public Builder name(@Nullable String name) {
            this.name = name;
            return this;
        }

        public Builder email(@Nullable String email) {
            this.email = email;
            return this;
        }

        public Builder phone(@Nullable String phone) {
            this.phone = phone;
            return this;
        }

        public Builder externalId(@Nullable String externalId) {
            this.externalId = externalId;
            return this;
        }

        public Builder locale(@Nullable String locale) {
            this.locale = locale;
            return this;
        }

        public Builder login(@Nullable LoginMethod login) {
            this.login = login;
            return this;
        }

        public ProvisioningRequest build() {
            return new ProvisioningRequest(requestId, correlationId, source, requestedBy, requestedAt, organisationId,
                    departmentId, roleId, userType, name, email, phone, externalId, locale, login);
        }
    }
}
