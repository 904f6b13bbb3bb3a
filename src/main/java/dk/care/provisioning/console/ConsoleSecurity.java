package dk.care.provisioning.console;

import dk.care.provisioning.access.OrganisationScope;
import dk.care.provisioning.audit.AuditTrail;
import dk.care.provisioning.security.PasswordHasher;
import dk.care.provisioning.web.AttemptLimiter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Who may use the console: its own chain for {@code /console/**}, ahead of the public edge's. Sign-in
 * with a form against the configured users (Argon2id hashes), limited and bounded by {@link SignInGuard}
 * before any hash, and, when an OIDC client registration is configured, through that provider, whose ID
 * token's claims name the console roles and organisations. Every sign-in is audited ({@link SignInAudit}).
 * A user's organisations become {@code ORG_<organisationId>} authorities ({@code ORG_*}: all), which
 * {@link OrganisationScope} reads. Creating users and managing invitations needs {@link ConsoleRole#USER_ADMIN};
 * the operations page and dead-letter replay need {@link ConsoleRole#OPERATOR}. Every form carries the
 * session's CSRF token.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurity {

    /** Before the public edge's chain, which comes last. */
    static final int ORDER = 10;
    /** Where sign-in through an OIDC provider starts: {@code <this>/<registration id>}. */
    static final String OIDC_AUTHORIZATION = "/console/oauth2/authorization";

    private static final Logger log = LoggerFactory.getLogger(ConsoleSecurity.class);

    @Bean
    @Order(ORDER)
    SecurityFilterChain console(HttpSecurity http, ConsoleProperties properties, SignInProperties signIn,
                                ObjectProvider<ClientRegistrationRepository> oidc, AuditTrail auditTrail,
                                TransactionTemplate transactions, Clock clock) throws Exception {
        var audit = new SignInAudit(auditTrail, transactions, clock, properties);
        var guard = new SignInGuard(
                new AttemptLimiter(signIn.maxAttemptsPerAddress(), signIn.window(), signIn.maxTracked(), clock),
                new AttemptLimiter(signIn.maxAttemptsPerAccount(), signIn.window(), signIn.maxTracked(), clock),
                signIn, audit);
        http.securityMatcher("/console/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/console/login", SignInGuard.REFUSED_PATH, "/console/assets/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/console").authenticated()
                        .requestMatchers("/console/users/**", "/console/requests/**")
                        .hasRole(ConsoleRole.USER_ADMIN.name())
                        .requestMatchers("/console/operations/**").hasRole(ConsoleRole.OPERATOR.name())
                        .anyRequest().authenticated())
                // A provider beside those oauth2Login adds: a whole AuthenticationManager set here would be the
                // only one consulted, and OIDC sign-in would never reach its own provider.
                .authenticationProvider(passwords(properties.users()))
                .addFilterBefore(guard, UsernamePasswordAuthenticationFilter.class)
                .formLogin(form -> form.loginPage("/console/login").loginProcessingUrl("/console/login")
                        .successHandler(audit.onSuccess()).failureHandler(audit.onFailure()))
                .logout(logout -> logout.logoutUrl("/console/logout").logoutSuccessUrl("/console/login?signed-out"))
                // SecurityHeaders (web) has written stricter headers already.
                .headers(headers -> headers.disable());
        ClientRegistrationRepository providers = oidc.getIfAvailable();
        if (providers != null) {
            // Signing out of the console signs out at the provider too (OIDC RP-initiated logout), or the next
            // "sign in with" would let the same person in again without a password.
            var signOut = new OidcClientInitiatedLogoutSuccessHandler(providers);
            signOut.setPostLogoutRedirectUri("{baseUrl}/console/login?signed-out");
            signOut.setDefaultTargetUrl("/console/login?signed-out");
            signOut.setRedirectStrategy(new ProviderSignOut());
            http.logout(logout -> logout.logoutSuccessHandler(signOut));
            http.oauth2Login(login -> login.loginPage("/console/login")
                    .authorizationEndpoint(endpoint -> endpoint.baseUri(OIDC_AUTHORIZATION))
                    .redirectionEndpoint(endpoint -> endpoint.baseUri("/console/login/oauth2/code/*"))
                    .userInfoEndpoint(userInfo -> userInfo.userAuthoritiesMapper(
                            authoritiesFrom(properties.oidcRolesClaim(), properties.oidcOrganisationsClaim())))
                    .successHandler(audit.onSuccess()).failureHandler(audit.onFailure()));
        }
        return http.build();
    }

    /**
     * Password sign-in against the configured users. Spring Security verifies an unknown name against a
     * dummy hash made by this encoder, so the encoder's parameters are those of the configured hashes:
     * an unknown name then costs exactly what a known one does, and timing does not tell which exist.
     */
    private static DaoAuthenticationProvider passwords(List<ConsoleProperties.User> users) {
        var manager = new InMemoryUserDetailsManager();
        for (ConsoleProperties.User user : users) {
            List<String> authorities = new ArrayList<>(user.roles().stream().map(ConsoleRole::authority).toList());
            authorities.addAll(OrganisationScope.authorities(user.allOrganisations(), user.organisations()));
            manager.createUser(User.withUsername(user.username()).password(user.passwordHash())
                    .authorities(authorities.toArray(String[]::new)).build());
        }
        var provider = new DaoAuthenticationProvider(manager);
        // Each hash is verified with the parameters of its own PHC string; only the dummy hash uses these.
        provider.setPasswordEncoder(encoderFor(users));
        return provider;
    }

    /** An encoder whose new hashes have the parameters of the configured ones (the costliest, if they differ). */
    static Argon2PasswordEncoder encoderFor(List<ConsoleProperties.User> users) {
        List<PasswordHasher.Parameters> configured = users.stream()
                .map(user -> PasswordHasher.parametersOf(user.passwordHash())).flatMap(Optional::stream).distinct()
                .toList();
        if (configured.size() > 1) {
            log.warn("The console users' password hashes have different Argon2id parameters {}: a sign-in's time "
                    + "tells which of them a name has; give every user a hash with the same parameters", configured);
        }
        PasswordHasher.Parameters parameters = configured.stream()
                .max(Comparator.comparingLong((PasswordHasher.Parameters p) -> (long) p.memoryKib() * p.iterations()))
                .orElse(PasswordHasher.Parameters.OWASP_MINIMUM);
        return new Argon2PasswordEncoder(parameters.saltLength(), parameters.hashLength(), parameters.parallelism(),
                parameters.memoryKib(), parameters.iterations());
    }

    /**
     * The console roles and organisations an OIDC provider grants in the named claims of the ID token: a
     * list of role names, and a list of organisation ids as {@code ORG_<id>} authorities ({@code *} for all
     * organisations, {@code ORG_*}). Other role names are ignored; no role means no access.
     */
    static GrantedAuthoritiesMapper authoritiesFrom(String rolesClaim, String organisationsClaim) {
        return authorities -> {
            Set<GrantedAuthority> mapped = new HashSet<>();
            for (GrantedAuthority authority : authorities) {
                if (authority instanceof OidcUserAuthority oidc) {
                    if (oidc.getIdToken().getClaim(rolesClaim) instanceof Collection<?> roles) {
                        for (ConsoleRole role : ConsoleRole.values()) {
                            if (roles.contains(role.name())) {
                                mapped.add(new SimpleGrantedAuthority(role.authority()));
                            }
                        }
                    }
                    if (oidc.getIdToken().getClaim(organisationsClaim) instanceof Collection<?> organisations) {
                        for (Object organisation : organisations) {
                            if (organisation instanceof String id && !id.isBlank()) {
                                mapped.add(new SimpleGrantedAuthority(OrganisationScope.PREFIX + id.strip()));
                            }
                        }
                    }
                }
            }
            return mapped;
        };
    }
}
