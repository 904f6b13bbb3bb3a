package dk.care.provisioning.user;

import java.util.UUID;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;

/** Lookups behind the uniqueness rules; the database constraints remain the final word. */
interface UserRepository extends Repository<User, UUID> {

    @Query("select exists (select 1 from password_credential where username = :username)")
    boolean usernameTaken(String username);
}
