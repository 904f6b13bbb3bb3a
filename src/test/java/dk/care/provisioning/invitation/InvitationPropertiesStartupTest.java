package dk.care.provisioning.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * Start-up refuses an invitation link that would put the token into a server path and an admin
 * token that is short enough to guess, with a message an operator can act on, and without printing
 * the refused token. Start-up runs as in the worker: Spring Boot binding and its failure report.
 */
@ExtendWith(OutputCaptureExtension.class)
class InvitationPropertiesStartupTest {

    @Test
    void refusesABaseUrlThatPutsTheTokenIntoAServerPath(CapturedOutput output) {
        assertThatThrownBy(() -> start("--provisioning.invitations.base-url=https://register.example.org/r"))
                .hasStackTraceContaining("provisioning.invitations.base-url must contain '#'");
        assertThat(output).contains("provisioning.invitations.base-url must contain '#'");
    }

    @Test
    void refusesAnAdminTokenShorterThan32CharactersWithoutPrintingIt(CapturedOutput output) {
        String shortToken = "only-thirty-one-characters-long";
        assertThat(shortToken).hasSize(31);

        assertThatThrownBy(() -> start("--provisioning.invitations.admin-token=" + shortToken))
                .hasStackTraceContaining("provisioning.invitations.admin-token must be at least 32 characters (it has 31)");
        assertThat(output).contains("provisioning.invitations.admin-token must be at least 32 characters")
                .doesNotContain(shortToken);
    }

    @Test
    void bindsTheDefaultBaseUrlAndAnAdminTokenOf32Characters() {
        InvitationProperties properties = bind(Map.of("provisioning.invitations.admin-token", "x".repeat(32)));

        assertThat(properties.baseUrl()).isEqualTo("http://localhost:8080/register#");
        assertThat(properties.adminToken()).hasSize(32);
        assertThat(bind(Map.of("provisioning.invitations.admin-token", " ")).adminToken())
                .as("blank: admin API off").isNull();
    }

    private static InvitationProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("provisioning.invitations", InvitationProperties.class);
    }

    /** Fails in binding, before validation, so the other required settings may stay unset. */
    private static ConfigurableApplicationContext start(String... arguments) {
        List<String> args = new ArrayList<>(List.of("--spring.main.banner-mode=off", "--logging.structured.format.console="));
        args.addAll(List.of(arguments));
        return new SpringApplicationBuilder(PropertiesOnly.class).web(WebApplicationType.NONE)
                .run(args.toArray(String[]::new));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(InvitationProperties.class)
    static class PropertiesOnly {
    }
}
