package dk.care.provisioning.console;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The console: the {@code source} its requests carry; how long publishing a request or a replay may
 * wait for the broker; the window of the operations chart; who may sign in with a password (an
 * Argon2id hash each, for the embedded default and small sites) and for which organisations; and
 * which claims of an OIDC provider's ID token carry the console roles and the organisations (ids,
 * {@code *} for all), when sign-in goes through such a provider.
 */
@Validated
@ConfigurationProperties("provisioning.console")
record ConsoleProperties(
        @DefaultValue("admin-console") @NotBlank @Size(max = 100) String source,
        @DefaultValue("10s") Duration publishTimeout,
        @DefaultValue("3h") Duration operationsWindow,
        @DefaultValue("50") int deadLetters,
        @DefaultValue List<@Valid User> users,
        @DefaultValue("roles") @NotBlank String oidcRolesClaim,
        @DefaultValue("organisations") @NotBlank String oidcOrganisationsClaim) {

    /**
     * A person who signs in with a password: the PHC string of its Argon2id hash (never the password),
     * the roles, and the organisations the person acts for or, explicitly, all of them.
     */
    record User(
            @NotBlank @Size(max = 100) String username,
            @NotBlank @Pattern(regexp = "\\$argon2id\\$.*", message = "must be an Argon2id PHC string ($argon2id$...)")
            String passwordHash,
            @NotEmpty Set<ConsoleRole> roles,
            @DefaultValue List<@NotBlank String> organisations,
            boolean allOrganisations) {

        User {
            if (allOrganisations == !organisations.isEmpty()) {
                throw new IllegalArgumentException("console user " + username + " needs either organisations or "
                        + "all-organisations: true, not both and not neither");
            }
        }

        // The generated toString would print the hash.
        @Override
        public String toString() {
            return "User[username=" + username + ", passwordHash=<redacted>, roles=" + roles + ", organisations="
                    + (allOrganisations ? "all" : organisations) + "]";
        }
    }
}
