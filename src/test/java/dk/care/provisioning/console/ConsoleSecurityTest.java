package dk.care.provisioning.console;

import static org.assertj.core.api.Assertions.assertThat;

import dk.care.provisioning.security.PasswordHasher;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;

class ConsoleSecurityTest {

    private static final String DEMO_ADMIN_HASH =
            "$argon2id$v=19$m=19456,t=2,p=1$9lcw7R6WywK1r31v6wXPCg$1CUQ3vpNyuuRQocLR4YwBGdD+hgDydA9SMhoo2I/oNE";

    @Test
    void anUnknownNameIsVerifiedAgainstADummyHashWithTheParametersOfTheConfiguredHashes() {
        var users = List.of(new ConsoleProperties.User("anna", DEMO_ADMIN_HASH, Set.of(ConsoleRole.USER_ADMIN), List.of("demo-care"), false));

        String dummy = ConsoleSecurity.encoderFor(users).encode("userNotFoundPassword");

        assertThat(PasswordHasher.parametersOf(dummy)).isEqualTo(PasswordHasher.parametersOf(DEMO_ADMIN_HASH))
                .hasValue(PasswordHasher.Parameters.OWASP_MINIMUM);
    }

    @Test
    void withoutConfiguredUsersTheDummyHashHasTheOwaspParameters() {
        assertThat(PasswordHasher.parametersOf(ConsoleSecurity.encoderFor(List.of()).encode("x")))
                .hasValue(PasswordHasher.Parameters.OWASP_MINIMUM);
    }

    @Test
    void rolesAndOrganisationsComeFromTheIdTokensClaims() {
        var mapper = ConsoleSecurity.authoritiesFrom("roles", "organisations");

        var scoped = mapper.mapAuthorities(List.of(idToken(Map.of("roles", List.of("USER_ADMIN", "ADMIN"),
                "organisations", List.of("demo-care", " demo-omsorg ")))));
        var everywhere = mapper.mapAuthorities(List.of(idToken(Map.of("roles", List.of("OPERATOR"),
                "organisations", List.of("*")))));
        var nothing = mapper.mapAuthorities(List.of(idToken(Map.of("roles", "USER_ADMIN")),
                new SimpleGrantedAuthority("ROLE_OPERATOR")));

        assertThat(scoped).extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_USER_ADMIN", "ORG_demo-care", "ORG_demo-omsorg");
        assertThat(everywhere).extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_OPERATOR", "ORG_*");
        assertThat(nothing).as("a claim that is no list, and authorities not from the ID token").isEmpty();
    }

    private static OidcUserAuthority idToken(Map<String, Object> claims) {
        return new OidcUserAuthority(OidcIdToken.withTokenValue("token").subject("anna").issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60)).claims(all -> all.putAll(claims)).build());
    }
}
