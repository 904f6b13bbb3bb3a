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
 * Start-up refuses an invitation link that would put the token into a server path, with a message an
 * operator can act on (the admin API's settings: {@code web.AdminApiSettingsTest}). Start-up runs as
 * in the worker: Spring Boot binding and its failure report.
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
    void bindsTheDefaultBaseUrl() {
        assertThat(bind(Map.of()).baseUrl()).isEqualTo("http://localhost:8080/register#");
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
