package dk.care.provisioning.web;

import java.time.Clock;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * The admin API's gate ({@link AdminAuthentication}) on {@code /api/admin/*}, after the security
 * headers and ahead of the body limit and Spring MVC, with the settings of {@link AdminApiProperties}
 * and those still set under their old names.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdminApiProperties.class)
class AdminApiConfiguration {

    static final String LEGACY_TOKEN = "provisioning.invitations.admin-token";

    // Addresses that send wrong admin tokens are few in normal operation; the bound only matters under attack.
    private static final int FAILING_ADMIN_ADDRESSES = 10_000;

    @Bean
    FilterRegistrationBean<AdminAuthentication> adminAuthentication(AdminApiProperties properties,
                                                                    Environment environment, Clock clock) {
        var legacy = new LegacySettings(Binder.get(environment));
        AdminApiProperties admin = properties.withLegacy(legacy);
        String legacyToken = legacy.read(LEGACY_TOKEN, AdminApiProperties.PREFIX + ".clients", String.class)
                .filter(token -> !token.isBlank()).orElse(null);
        var failures = new AttemptLimiter(admin.maxFailuresPerAddress(), admin.failureWindow(),
                FAILING_ADMIN_ADDRESSES, clock);
        var registration = new FilterRegistrationBean<>(new AdminAuthentication(
                new ApiClients(admin.clients(), legacyToken, admin.clientsFile()), failures));
        registration.setUrlPatterns(List.of("/api/admin/*"));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }
}
