package dk.care.provisioning.user;

import dk.care.provisioning.security.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * The stateless field rules of docs/design.md §4: presence per login method and the format of every
 * field that is present. Rules needing the database (taken usernames, reference data) live in
 * the service. Secrets must already be decrypted.
 */
public final class FieldRules {

    static final int MAX_REQUEST_ID_LENGTH = 100;
    /** correlationId, source and externalId: identifiers of other systems. */
    static final int MAX_ID_LENGTH = 100;
    static final int MAX_REQUESTED_BY_LENGTH = 200;

    private final CredentialRules credentials;

    public FieldRules(PasswordPolicy passwordPolicy) {
        this(new CredentialRules(passwordPolicy));
    }

    FieldRules(CredentialRules credentials) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    /** Every violation of the field rules, for a producer that checks its requests before it sends them. */
    public List<Violation> violationsOf(ProvisioningRequest request) {
        return check(request).violations();
    }

    /**
     * Runs every rule and reports every violation, never only the first. A required field that is
     * null or blank is {@link ErrorCode#REQUIRED_FIELD_MISSING}; an optional one that is blank
     * counts as absent; any field present is format-checked whether the method requires it or
     * not. Fields without a code of their own (requestId, correlationId, source, requestedBy,
     * externalId) are {@link ErrorCode#MALFORMED_MESSAGE} when longer than their bound or holding a
     * character outside their class ({@link SafeText}): such a requestId cannot serve as an
     * idempotency key. Values that pass are returned normalised, even when other fields fail, so
     * the service can still run its own checks on them.
     */
    FieldCheck check(ProvisioningRequest request) {
        var violations = new ArrayList<>(envelopeViolations(request.requestId(), request.correlationId(),
                request.source(), request.requestedBy()));
        bounded(violations, "externalId", request.externalId(), MAX_ID_LENGTH, SafeText::isId);
        require(violations, "organisationId", request.organisationId());
        require(violations, "departmentId", request.departmentId());
        require(violations, "roleId", request.roleId());
        if (request.userType() == null) {
            violations.add(Violation.missing("userType"));
        }
        LoginMethod login = request.login();
        if (login == null) {
            violations.add(Violation.missing("login"));
        }

        boolean personal = login instanceof LoginMethod.Standard || login instanceof LoginMethod.MitId;
        boolean reachableByPhone = login instanceof LoginMethod.Standard || login instanceof LoginMethod.PhoneSelfRegistration;
        PersonName name = field(violations, "name", request.name(), personal, PersonName::parse);
        EmailAddress email = field(violations, "email", request.email(), personal, EmailAddress::parse);
        PhoneNumber phone = field(violations, "phone", request.phone(), reachableByPhone, PhoneNumber::parse);

        Username username = null;
        Cpr cpr = null;
        if (login instanceof LoginMethod.Standard standardLogin) {
            CredentialRules.Checked chosen = credentials.check("login.username", standardLogin.username(),
                    "login.password", standardLogin.password());
            violations.addAll(chosen.violations());
            username = chosen.username();
        } else if (login instanceof LoginMethod.MitId mitIdLogin) {
            cpr = field(violations, "login.cpr", revealed(mitIdLogin.cpr()), true, Cpr::parse);
        }
        return new FieldCheck(violations, new ValidatedFields(name, email, phone, username, cpr));
    }

    /**
     * The rules every request shares, creation and change alike: requestId and source present, and
     * requestId, correlationId, source and requestedBy within their bounds and character classes
     * ({@link ErrorCode#MALFORMED_MESSAGE} otherwise).
     */
    public static List<Violation> envelopeViolations(@Nullable String requestId, @Nullable String correlationId,
                                                     @Nullable String source, @Nullable String requestedBy) {
        var violations = new ArrayList<Violation>();
        require(violations, "requestId", requestId);
        bounded(violations, "requestId", requestId, MAX_REQUEST_ID_LENGTH, SafeText::isId);
        bounded(violations, "correlationId", correlationId, MAX_ID_LENGTH, SafeText::isId);
        require(violations, "source", source);
        bounded(violations, "source", source, MAX_ID_LENGTH, SafeText::isId);
        bounded(violations, "requestedBy", requestedBy, MAX_REQUESTED_BY_LENGTH, SafeText::isText);
        return violations;
    }

    /**
     * The creation rules for contact details that change: each field present is format-checked and
     * normalised as at creation (name, e-mail, E.164 phone); an absent or blank one stays absent.
     * Violations name the field under {@code prefix} (e.g. {@code change.phone}).
     */
    public static Contact checkContact(String prefix, @Nullable String name, @Nullable String email,
                                       @Nullable String phone) {
        var violations = new ArrayList<Violation>();
        PersonName checkedName = field(violations, prefix + "name", name, false, PersonName::parse);
        EmailAddress checkedEmail = field(violations, prefix + "email", email, false, EmailAddress::parse);
        PhoneNumber checkedPhone = field(violations, prefix + "phone", phone, false, PhoneNumber::parse);
        return new Contact(violations, checkedName == null ? null : checkedName.value(),
                checkedEmail == null ? null : checkedEmail.value(), checkedPhone == null ? null : checkedPhone.e164());
    }

    /** What {@link #checkContact} found: every violation, and the normalised value of each field that passed. */
    public record Contact(List<Violation> violations, @Nullable String name, @Nullable String email,
                          @Nullable String phone) {

        public Contact {
            violations = List.copyOf(violations);
        }
    }

    /**
     * Whether {@code requestId} can key an outcome and its idempotency record: present, at most 100
     * characters, and an identifier — no control character to forge a log line with, and no NUL,
     * which PostgreSQL text cannot hold.
     */
    public static boolean isRequestId(@Nullable String requestId) {
        return requestId != null && !requestId.isBlank() && requestId.length() <= MAX_REQUEST_ID_LENGTH
                && SafeText.isId(requestId);
    }

    private static void bounded(List<Violation> violations, String field, @Nullable String value, int maxLength,
                                Predicate<String> characterClass) {
        if (value == null || value.isBlank()) {
            return;
        }
        // The length is checked first, so an oversized value is never scanned.
        if (value.length() > maxLength || !characterClass.test(value)) {
            violations.add(new Violation(ErrorCode.MALFORMED_MESSAGE, field,
                    field + " must be at most " + maxLength + " characters, without control or text direction characters"));
        }
    }

    private static void require(List<Violation> violations, String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            violations.add(Violation.missing(field));
        }
    }

    private static <T> @Nullable T field(List<Violation> violations, String field, @Nullable String raw,
            boolean required, Function<String, Parsed<T>> parser) {
        if (raw == null || raw.isBlank()) {
            if (required) {
                violations.add(Violation.missing(field));
            }
            return null;
        }
        return switch (parser.apply(raw)) {
            case Parsed.Valid<T> valid -> valid.value();
            case Parsed.Rejected<T> rejected -> {
                violations.add(rejected.at(field));
                yield null;
            }
        };
    }

    private static @Nullable String revealed(@Nullable Secret secret) {
        return secret == null ? null : secret.reveal();
    }
}
