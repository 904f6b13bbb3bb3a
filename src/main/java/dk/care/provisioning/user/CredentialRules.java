package dk.care.provisioning.user;

import dk.care.provisioning.security.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The rules for a username and password someone chooses, the same whether an administrator's request
 * carries them (a {@code STANDARD} login, through {@link FieldRules}) or the invitee picks them when
 * redeeming an invitation. Every violation says which rule it broke and the limit the rule sets, so
 * a page explains it without judging the value again.
 */
public final class CredentialRules {

    private final PasswordPolicy passwordPolicy;

    public CredentialRules(PasswordPolicy passwordPolicy) {
        this.passwordPolicy = Objects.requireNonNull(passwordPolicy, "passwordPolicy");
    }

    /** The fewest characters a password may have, for a page's hint. */
    public int passwordMinimumLength() {
        return passwordPolicy.minimumLength();
    }

    /**
     * Judges a username and a password, both required, each reported at the field name its caller
     * uses; the password is judged against the username as sent, even if that is itself invalid.
     */
    public Checked check(String usernameField, @Nullable String username, String passwordField,
                         @Nullable Secret password) {
        var violations = new ArrayList<Violation>();
        Username chosen = null;
        if (username == null || username.isBlank()) {
            violations.add(Violation.missing(usernameField));
        } else {
            switch (Username.parse(username)) {
                case Parsed.Valid<Username> valid -> chosen = valid.value();
                case Parsed.Rejected<Username> rejected -> violations.add(rejected.at(usernameField));
            }
        }
        if (password == null || password.reveal().isBlank()) {
            violations.add(Violation.missing(passwordField));
        } else if (passwordPolicy.check(password, username) instanceof Parsed.Rejected<Secret> weak) {
            violations.add(weak.at(passwordField));
        }
        return new Checked(chosen, violations);
    }

    /** What the check found: the username in its stored form when it passed, and every violation. */
    public record Checked(@Nullable Username username, List<Violation> violations) {

        public Checked {
            violations = List.copyOf(violations);
        }

        public boolean passed() {
            return violations.isEmpty();
        }
    }
}
