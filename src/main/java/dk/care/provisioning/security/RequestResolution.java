package dk.care.provisioning.security;

import dk.care.provisioning.user.ProvisioningRequest;
import dk.care.provisioning.user.Violation;

import java.util.List;
import java.util.Objects;

/** Outcome of resolving every secret of a request's login: the request in plaintext, or all refusals. */
public sealed interface RequestResolution {

    /** The same request, its login secrets replaced by their plaintext. */
    record Resolved(ProvisioningRequest request) implements RequestResolution {
        public Resolved {
            Objects.requireNonNull(request, "request");
        }
    }

    /** At least one secret was refused; one violation per refused secret. */
    record Rejected(List<Violation> violations) implements RequestResolution {
        public Rejected {
            violations = List.copyOf(violations);
            if (violations.isEmpty()) {
                throw new IllegalArgumentException("a rejection needs at least one violation");
            }
        }
    }
}
