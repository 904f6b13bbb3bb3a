package dk.care.provisioning.user;

import java.util.UUID;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;

/** Lookups behind the uniqueness rules; the database constraints remain the final word. */
interface UserRepository extends Repository<User, UUID> {

    @Query("select exists (select 1 from password_credential where username = :username)")
    boolean usernameTaken(String username);

    @Query("select exists (select 1 from mitid_identity where organisation_id = :organisationId and cpr_blind_index = :blindIndex)")
    boolean cprRegistered(String organisationId, String blindIndex);

    @Query("select exists (select 1 from app_user where organisation_id = :organisationId and external_id = :externalId)")
    boolean externalIdTaken(String organisationId, String externalId);
}
