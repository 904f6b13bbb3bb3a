package dk.care.provisioning.organisation;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A department (afdeling) of one organisation; every user is attached to one. */
@Table("department")
public record Department(@Id String id, String organisationId, String name, boolean active) {

    /** Whether a new user of {@code organisationId} may be attached here. */
    public boolean acceptsUsersOf(String organisationId) {
        return active && this.organisationId.equals(organisationId);
    }
}
