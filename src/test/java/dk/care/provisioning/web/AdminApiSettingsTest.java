package dk.care.provisioning.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The admin API's settings as the worker reads them at start-up: {@code provisioning.admin-api.*},
 * the old names under {@code provisioning.invitations} still read with one WARN each naming the new
 * setting, and a legacy admin token short enough to guess refused without printing it.
 */
@ExtendWith(OutputCaptureExtension.class)
class AdminApiSettingsTest {

    private static final String TOKEN = "portal-token-of-at-least-thirty-two-characters";
    private static final String CLIENT = "[0].name=portal";
    private static final String HASH = "[0].token-sha256=" + HexFormat.of().formatHex(ApiClients.sha256(TOKEN));
    private static final String ORGANISATION = "[0].organisations=demo-omsorg";

    @Test
    void readsTheClientsUnderTheNewNameWithoutWarning(CapturedOutput output) throws Exception {
        try (var context = start("--provisioning.admin-api.clients" + CLIENT, "--provisioning.admin-api.clients" + HASH,
                "--provisioning.admin-api.clients" + ORGANISATION)) {
            assertThat(status(context, TOKEN)).isEqualTo(200);
            assertThat(status(context, "a-wrong-token-of-at-least-thirty-two-characters")).isEqualTo(401);
        }
        assertThat(output).doesNotContain("deprecated");
    }

    @Test
    void stillReadsTheOldNamesAndWarnsOnceForEachNamingTheNewSetting(CapturedOutput output) throws Exception {
        String old = "--provisioning.invitations.admin.clients";
        try (var context = start(old + CLIENT, old + HASH, old + ORGANISATION,
                "--provisioning.invitations.admin.max-failures-per-address=1")) {
            assertThat(status(context, TOKEN)).isEqualTo(200);
            assertThat(status(context, "a-wrong-token-of-at-least-thirty-two-characters")).isEqualTo(401);
            assertThat(status(context, TOKEN)).as("one failure allowed per address, as the old name set")
                    .isEqualTo(429);
        }
        assertThat(output.getOut().lines().filter(line -> line.contains("WARN") && line.contains("deprecated"))
                .map(line -> line.substring(line.indexOf(": provisioning.") + 2)))
                .containsExactlyInAnyOrder(
                        warning("provisioning.invitations.admin.clients", "provisioning.admin-api.clients"),
                        warning("provisioning.invitations.admin.max-failures-per-address",
                                "provisioning.admin-api.max-failures-per-address"));
    }

    @Test
    void readsTheLegacyAdminTokenAsAClientOfAllOrganisationsAndWarns(CapturedOutput output) throws Exception {
        try (var context = start("--provisioning.invitations.admin-token=" + TOKEN)) {
            assertThat(status(context, TOKEN)).isEqualTo(200);
        }
        assertThat(output).contains("provisioning.invitations.admin-token is deprecated: set "
                + "provisioning.admin-api.clients instead").doesNotContain(TOKEN);
    }

    @Test
    void refusesALegacyAdminTokenShorterThan32CharactersWithoutPrintingIt(CapturedOutput output) {
        String shortToken = "only-thirty-one-characters-long";
        assertThat(shortToken).hasSize(31);

        assertThatThrownBy(() -> start("--provisioning.invitations.admin-token=" + shortToken))
                .hasStackTraceContaining("provisioning.invitations.admin-token must be at least 32 characters (it has 31)");
        assertThat(output).contains("provisioning.invitations.admin-token must be at least 32 characters")
                .doesNotContain(shortToken);
    }

    private static String warning(String oldName, String newName) {
        return oldName + " is deprecated: set " + newName + " instead (see docs/configuration.md)";
    }

    private static int status(ConfigurableApplicationContext context, String token) throws ServletException, IOException {
        @SuppressWarnings("unchecked")
        var registration = (FilterRegistrationBean<AdminAuthentication>) context.getBean("adminAuthentication");
        var request = new MockHttpServletRequest("GET", "/api/admin/users");
        request.addHeader("Authorization", "Bearer " + token);
        request.addHeader(AdminAuthentication.REQUESTED_BY, "Anna Admin");
        var response = new MockHttpServletResponse();
        registration.getFilter().doFilter(request, response, new MockFilterChain());
        return response.getStatus();
    }

    private static ConfigurableApplicationContext start(String... arguments) {
        List<String> args = new ArrayList<>(List.of("--spring.main.banner-mode=off", "--logging.structured.format.console="));
        args.addAll(List.of(arguments));
        return new SpringApplicationBuilder(AdminApiOnly.class).web(WebApplicationType.NONE)
                .run(args.toArray(String[]::new));
    }

    @Configuration(proxyBeanMethods = false)
    @Import(AdminApiConfiguration.class)
    static class AdminApiOnly {
        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }
}
