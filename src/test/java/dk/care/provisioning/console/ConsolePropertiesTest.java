package dk.care.provisioning.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** A console user acts for named organisations or, explicitly, for all of them; never for an unstated set. */
class ConsolePropertiesTest {

    private static final String HASH = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA";

    @Test
    void bindsAUserOfNamedOrganisationsAndOneOfAll() {
        ConsoleProperties properties = bind(Map.of("users[0].organisations", "demo-care,demo-omsorg",
                "users[1].username", "ops", "users[1].password-hash", HASH, "users[1].roles", "OPERATOR",
                "users[1].all-organisations", "true"));

        assertThat(properties.users().get(0).organisations()).containsExactly("demo-care", "demo-omsorg");
        assertThat(properties.users().get(0).allOrganisations()).isFalse();
        assertThat(properties.users().get(1).allOrganisations()).isTrue();
        assertThat(properties.users().get(1).organisations()).isEmpty();
    }

    @Test
    void refusesAUserWithoutOrganisationsOrWithBoth() {
        assertThatThrownBy(() -> bind(Map.of())).hasStackTraceContaining(
                "console user anna needs either organisations or all-organisations: true");
        assertThatThrownBy(() -> bind(Map.of("users[0].organisations", "demo-care", "users[0].all-organisations", "true")))
                .hasStackTraceContaining("not both");
    }

    private static ConsoleProperties bind(Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(Map.of("users[0].username", "anna", "users[0].password-hash", HASH,
                "users[0].roles", "USER_ADMIN"));
        properties.putAll(extra);
        Map<String, String> prefixed = new HashMap<>();
        properties.forEach((key, value) -> prefixed.put("provisioning.console." + key, value));
        return new Binder(new MapConfigurationPropertySource(prefixed))
                .bindOrCreate("provisioning.console", ConsoleProperties.class);
    }
}
