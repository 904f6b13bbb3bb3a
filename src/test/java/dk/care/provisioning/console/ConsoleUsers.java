package dk.care.provisioning.console;

import dk.care.provisioning.organisation.UserType;
import dk.care.provisioning.query.UserSummary;
import dk.care.provisioning.user.LoginMethod;
import dk.care.provisioning.user.UserStatus;
import java.time.Instant;
import java.util.UUID;

/** Users as the query API answers them, for the console's page tests. */
final class ConsoleUsers {

    private ConsoleUsers() {
    }

    /** Jens Hansen, a relative of Demo Care's home care who registers by phone, at version 7. */
    static UserSummary jensHansen(UserStatus status) {
        return new UserSummary(UUID.randomUUID(), "creation-" + UUID.randomUUID(), "demo-care", "demo-care.home-care",
                "Home care", "demo-care.relative", "Relative", UserType.RELATIVE, LoginMethod.Kind.PHONE_SELF_REGISTRATION,
                status, 7, "Jens Hansen", "jens@example.org", "+4520123456", null, null, "da",
                Instant.parse("2026-12-01T10:00:00Z"), null);
    }
}
