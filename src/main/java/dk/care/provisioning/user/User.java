package dk.care.provisioning.user;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * The user aggregate: the account and, depending on the login method, its password credential or
 * its MitID identity. Holds no plaintext secret: a password hash and an encrypted CPR at most.
 */
@Table("app_user")
record User(
        @Id UUID id,
        String requestId,
        String organisationId,
        String departmentId,
        String roleId,
        UserType userType,
        LoginMethod.Kind loginMethod,
        UserStatus status,
        String name,
        String email,
        String phone,
        String externalId,
        String locale,
        Instant createdAt,
        @MappedCollection(idColumn = "user_id") PasswordCredential credential,
        @MappedCollection(idColumn = "user_id") MitIdIdentity mitIdIdentity) {

    String username() {
        return credential == null ? null : credential.username();
    }

    /** Username and Argon2id hash; the username is stored lowercased and unique across organisations. */
    @Table("password_credential")
    record PasswordCredential(String username, String passwordHash, boolean mustChangePassword, Instant createdAt) {
    }

    /** CPR ciphertext and blind index; unique per organisation through the index. */
    @Table("mitid_identity")
    record MitIdIdentity(String organisationId, String cprCiphertext, String cprBlindIndex) {
    }
}
