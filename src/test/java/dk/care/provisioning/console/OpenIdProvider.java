package dk.care.provisioning.console;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * A real OpenID provider for tests: Spring Authorization Server in this JVM, on a free port of
 * {@code 127.0.0.1} (another host than the console's {@code localhost}, so the browser keeps the two
 * session cookies apart), with a sign-in form, one confidential client for the console, and people
 * whose ID tokens carry {@code roles} and {@code organisations} claims.
 */
final class OpenIdProvider implements AutoCloseable {

    static final String CLIENT_ID = "provisioning-console";
    static final String CLIENT_SECRET = "console-client-secret-for-the-test";

    /** A person the provider knows: password, and what their ID token claims. */
    record Person(String password, List<String> roles, List<String> organisations) {
    }

    // The console's port is known only once its context runs, after this provider had to be up.
    private static final AtomicReference<String> CONSOLE = new AtomicReference<>("http://localhost");
    private static final AtomicReference<Map<String, Person>> PEOPLE = new AtomicReference<>(Map.of());

    private final ConfigurableApplicationContext context;

    private OpenIdProvider(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static OpenIdProvider start(Map<String, Person> people) {
        PEOPLE.set(Map.copyOf(people));
        return new OpenIdProvider(new SpringApplicationBuilder(Server.class).web(WebApplicationType.SERVLET)
                .properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
                        "logging.structured.format.console=", "spring.jmx.enabled=false")
                .run());
    }

    /** The issuer, as the console's client registration names it. */
    String issuer() {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** Where the console runs, e.g. {@code http://localhost:8080}: its redirect URI is registered under it. */
    static void consoleAt(String baseUrl) {
        CONSOLE.set(baseUrl);
    }

    @Override
    public void close() {
        context.close();
    }

    // No @Configuration (not even @TestConfiguration): the worker's component scan, which covers the test
    // classes under ./mvnw spring-boot:test-run, must never find it. Given to SpringApplication as its source,
    // its @Bean methods and imports work all the same.
    @EnableWebSecurity
    @ImportAutoConfiguration({TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
            SecurityFilterAutoConfiguration.class})
    static class Server {

        @Bean
        @Order(1)
        SecurityFilterChain endpoints(HttpSecurity http) throws Exception {
            http.oauth2AuthorizationServer(server -> {
                        http.securityMatcher(server.getEndpointsMatcher());
                        server.oidc(Customizer.withDefaults());
                    })
                    .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                            new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
            return http.build();
        }

        @Bean
        @Order(2)
        SecurityFilterChain signIn(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .formLogin(Customizer.withDefaults())
                    .build();
        }

        @Bean
        UserDetailsService people() {
            var manager = new InMemoryUserDetailsManager();
            PEOPLE.get().forEach((name, person) ->
                    manager.createUser(User.withUsername(name).password("{noop}" + person.password()).roles("PERSON").build()));
            return manager;
        }

        @Bean
        RegisteredClientRepository clients() {
            return new RegisteredClientRepository() {
                @Override
                public void save(RegisteredClient registeredClient) {
                    // The provider re-saves a client to upgrade its secret's hash; this one is built anew each time.
                }

                @Override
                public @Nullable RegisteredClient findById(String id) {
                    return CLIENT_ID.equals(id) ? console() : null;
                }

                @Override
                public @Nullable RegisteredClient findByClientId(String clientId) {
                    return CLIENT_ID.equals(clientId) ? console() : null;
                }
            };
        }

        private static RegisteredClient console() {
            return RegisteredClient.withId(CLIENT_ID)
                    .clientId(CLIENT_ID)
                    .clientSecret("{noop}" + CLIENT_SECRET)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUri(CONSOLE.get() + "/console/login/oauth2/code/test-idp")
                    .postLogoutRedirectUri(CONSOLE.get() + "/console/login?signed-out")
                    .scope(OidcScopes.OPENID)
                    .scope(OidcScopes.PROFILE)
                    .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
                    .build();
        }

        /** The person's roles and organisations as claims of the ID token, as an enterprise provider maps them. */
        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> claims() {
            return context -> {
                Person person = PEOPLE.get().get(context.getPrincipal().getName());
                if (person != null && OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                    context.getClaims().claim("roles", person.roles()).claim("organisations", person.organisations())
                            .claim("preferred_username", context.getPrincipal().getName());
                }
            };
        }

        private final KeyPair signing = rsaKeyPair();

        @Bean
        JWKSource<SecurityContext> keys() {
            return new ImmutableJWKSet<>(new JWKSet(new RSAKey.Builder((RSAPublicKey) signing.getPublic())
                    .privateKey((RSAPrivateKey) signing.getPrivate()).keyID(UUID.randomUUID().toString()).build()));
        }

        /** For the provider's user-info endpoint, which reads its own access tokens. */
        @Bean
        JwtDecoder accessTokens() {
            return NimbusJwtDecoder.withPublicKey((RSAPublicKey) signing.getPublic()).build();
        }

        private static KeyPair rsaKeyPair() {
            try {
                var generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return generator.generateKeyPair();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Bean
        AuthorizationServerSettings settings() {
            return AuthorizationServerSettings.builder().build();
        }
    }
}
