package dk.care.provisioning.console;

import dk.care.provisioning.access.OrganisationScope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may use the console: its own chain for {@code /console/**}, ahead of the public edge's. Sign-in
 * with a form against the configured users (Argon2id hashes) and, when an OIDC client registration is
 * configured, through that provider, whose ID token's roles claim names the console roles. A configured
 * user's organisations become {@code ORG_<organisationId>} authorities ({@code ORG_*}: all), which
 * {@link OrganisationScope} reads. Creating users and managing invitations needs
 * {@link ConsoleRole#USER_ADMIN}; the operations page and dead-letter replay need
 * {@link ConsoleRole#OPERATOR}. Every form carries the session's CSRF token.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurity {

    /** Before the public edge's chain, which comes last. */
    static final int ORDER = 10;

    @Bean
    @Order(ORDER)
    SecurityFilterChain console(HttpSecurity http, ConsoleProperties properties,
                                ObjectProvider<ClientRegistrationRepository> oidc) throws Exception {
        http.securityMatcher("/console/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/console/login", "/console/assets/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/console").authenticated()
                        .requestMatchers("/console/users/**", "/console/requests/**")
                        .hasRole(ConsoleRole.USER_ADMIN.name())
                        .requestMatchers("/console/operations/**").hasRole(ConsoleRole.OPERATOR.name())
                        .anyRequest().authenticated())
                .authenticationManager(new ProviderManager(passwords(properties.users())))
                .formLogin(form -> form.loginPage("/console/login").loginProcessingUrl("/console/login")
                        .defaultSuccessUrl("/console", true).failureUrl("/console/login?error"))
                .logout(logout -> logout.logoutUrl("/console/logout").logoutSuccessUrl("/console/login?signed-out"))
                // SecurityHeaders (web) has written stricter headers already.
                .headers(headers -> headers.disable());
        if (oidc.getIfAvailable() != null) {
            http.oauth2Login(login -> login.loginPage("/console/login")
                    .authorizationEndpoint(endpoint -> endpoint.baseUri("/console/oauth2/authorization"))
                    .redirectionEndpoint(endpoint -> endpoint.baseUri("/console/login/oauth2/code/*"))
                    .userInfoEndpoint(userInfo -> userInfo.userAuthoritiesMapper(rolesFrom(properties.oidcRolesClaim())))
                    .defaultSuccessUrl("/console", true));
        }
        return http.build();
    }

    private static DaoAuthenticationProvider passwords(List<ConsoleProperties.User> users) {
        var manager = new InMemoryUserDetailsManager();
        for (ConsoleProperties.User user : users) {
            List<String> authorities = new ArrayList<>(user.roles().stream().map(ConsoleRole::authority).toList());
            authorities.addAll(OrganisationScope.authorities(user.allOrganisations(), user.organisations()));
            manager.createUser(User.withUsername(user.username()).password(user.passwordHash())
                    .authorities(authorities.toArray(String[]::new)).build());
        }
        var provider = new DaoAuthenticationProvider(manager);
        // Parameters come from each PHC string, so hashes made with other costs verify too.
        provider.setPasswordEncoder(Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8());
        return provider;
    }

    /** The console roles an OIDC provider grants in the named claim of the ID token (a list of role names). */
    static GrantedAuthoritiesMapper rolesFrom(String claim) {
        return authorities -> {
            Set<GrantedAuthority> mapped = new HashSet<>();
            for (GrantedAuthority authority : authorities) {
                if (authority instanceof OidcUserAuthority oidc
                        && oidc.getIdToken().getClaim(claim) instanceof Collection<?> roles) {
                    for (ConsoleRole role : ConsoleRole.values()) {
                        if (roles.contains(role.name())) {
                            mapped.add(new SimpleGrantedAuthority(role.authority()));
                        }
                    }
                }
            }
            return mapped;
        };
    }
}
