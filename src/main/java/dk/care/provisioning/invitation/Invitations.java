package dk.care.provisioning.invitation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Issues self-registration invitations and knows which locales can be invited. */
@Component
public class Invitations {

    private static final int TOKEN_BYTES = 32;

    private final JdbcAggregateTemplate aggregates;
    private final InvitationProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Invitations(JdbcAggregateTemplate aggregates, InvitationProperties properties, Clock clock) {
        this.aggregates = aggregates;
        this.properties = properties;
        this.clock = clock;
    }

    /** Whether an invitation text exists for this BCP 47 tag (matched on its language). */
    public boolean supportsLocale(String languageTag) {
        String language = Locale.forLanguageTag(languageTag).getLanguage();
        return !language.isEmpty() && properties.locales().contains(language);
    }

    /** Creates the invitation of a new user in the caller's transaction; returns its id. */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID issue(UUID userId, String phone, String locale) {
        byte[] token = new byte[TOKEN_BYTES];
        random.nextBytes(token);
        Instant now = Instant.now(clock);
        var invitation = new Invitation(UUID.randomUUID(), userId, sha256(encode(token)), phone, locale,
                Invitation.Status.PENDING, 0, now.plus(properties.expiry()), now);
        aggregates.insert(invitation);
        return invitation.id();
    }

    private static String encode(byte[] token) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
