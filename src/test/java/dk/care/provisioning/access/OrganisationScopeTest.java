package dk.care.provisioning.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/** The scope is what the {@code ORG_} authorities grant, and nothing more. */
class OrganisationScopeTest {

    @Test
    void grantsTheNamedOrganisationsOnly() {
        OrganisationScope scope = OrganisationScope.of(new TestingAuthenticationToken("anna", null,
                "ROLE_USER_ADMIN", "ORG_demo-omsorg", "ORG_", "org_demo-care"));

        assertThat(scope).isEqualTo(new OrganisationScope(false, Set.of("demo-omsorg")));
        assertThat(scope.includes("demo-omsorg")).isTrue();
        assertThat(scope.includes("demo-care")).isFalse();
        assertThat(scope.includes(null)).as("a request of no known organisation").isFalse();
        assertThat(scope.filter(List.of("demo-care", "demo-omsorg"), id -> id)).containsExactly("demo-omsorg");
    }

    @Test
    void allOrganisationsIsAnExplicitGrant() {
        OrganisationScope all = OrganisationScope.of(AuthorityUtils.createAuthorityList(
                OrganisationScope.authorities(true, List.of())));

        assertThat(all.all()).isTrue();
        assertThat(all.includes("any-organisation")).isTrue();
        assertThat(all.includes(null)).isTrue();
        assertThat(OrganisationScope.of(new TestingAuthenticationToken("roles-only", null, "ROLE_OPERATOR")).includes("demo-care"))
                .as("roles grant no organisation").isFalse();
        assertThat(OrganisationScope.of((org.springframework.security.core.Authentication) null).includes("demo-care"))
                .isFalse();
    }

    @Test
    void writesTheAuthoritiesOfConfiguredOrganisations() {
        assertThat(OrganisationScope.authorities(false, List.of("demo-care", "demo-omsorg")))
                .containsExactly("ORG_demo-care", "ORG_demo-omsorg");
        assertThat(OrganisationScope.authorities(true, List.of())).containsExactly("ORG_*");
    }
}
