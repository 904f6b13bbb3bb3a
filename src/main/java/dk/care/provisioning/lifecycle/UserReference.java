package dk.care.provisioning.lifecycle;

import java.util.Objects;
import java.util.UUID;

/** Which user a change is for: the worker's userId, or the HR system's externalId within the request's organisation. */
public sealed interface UserReference {

    /** The reference as the partition key carries it. */
    String text();

    /** The user with this userId. */
    record ById(UUID userId) implements UserReference {

        public ById {
            Objects.requireNonNull(userId, "userId");
        }

        @Override
        public String text() {
            return userId.toString();
        }
    }

    /** The user of the organisation with this external id (the HR employee number). */
    record ByExternalId(String externalId) implements UserReference {

        public ByExternalId {
            Objects.requireNonNull(externalId, "externalId");
        }

        @Override
        public String text() {
            return externalId;
        }
    }
}
