package dk.care.provisioning.invitation;

import jakarta.validation.constraints.NotEmpty;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Invitations: how long a link stays valid (relatives and elderly users need days, not minutes)
 * and which locales have an invitation text.
 */
@Validated
@ConfigurationProperties("provisioning.invitations")
record InvitationProperties(
        @DefaultValue("72h") Duration expiry,
        @DefaultValue("http://localhost:8080/register") String baseUrl,
        @DefaultValue({"da", "sv", "en"}) @NotEmpty Set<String> locales) {
}
