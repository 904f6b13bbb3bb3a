package dk.care.provisioning.organisation;

import java.util.Set;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/** A role of one organisation, with the user types that may hold it. */
@Table("role")
public record Role(@Id String id, String organisationId, String name, boolean active,
                   @MappedCollection(idColumn = "role_id") Set<AllowedUserType> allowedUserTypes) {

    /** Whether a new user of {@code organisationId} may be given this role. */
    public boolean acceptsUsersOf(String organisationId) {
        return active && this.organisationId.equals(organisationId);
    }

    public boolean allows(UserType userType) {
        return allowedUserTypes.contains(new AllowedUserType(userType));
    }

    /** One user type a role allows. */
    @Table("role_user_type")
    public record AllowedUserType(UserType userType) {
    }
}
