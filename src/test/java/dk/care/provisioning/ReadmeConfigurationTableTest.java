package dk.care.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Every environment variable of the configuration table ({@code docs/configuration.md}) binds to the property in its row. */
class ReadmeConfigurationTableTest {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    @Test
    void everyVariableOfTheTableBindsToItsProperty() throws IOException {
        List<String[]> rows = rows();
        assertThat(rows).hasSizeGreaterThan(20);
        for (String[] row : rows) {
            List<String> properties = names(row[0]);
            List<String> variables = names(row[1]);
            assertThat(properties).as(row[0]).allSatisfy(property -> assertThat(property)
                    .as("a name with a placeholder (a map key) cannot be written as one variable").doesNotContain("<"));
            assertThat(variables).as(row[1]).hasSameSizeAs(properties);
            String first = properties.getFirst();
            String prefix = variables.getFirst().substring(0,
                    variables.getFirst().length() - variable(first.substring(first.lastIndexOf('.') + 1)).length());
            for (int i = 0; i < properties.size(); i++) {
                String property = i == 0 ? first : first.substring(0, first.lastIndexOf('.') + 1) + properties.get(i);
                String variable = i == 0 ? variables.getFirst() : prefix + variables.get(i);
                assertThat(binds(variable, property)).as("%s binds to %s", variable, property).isTrue();
            }
        }
    }

    private static boolean binds(String variable, String property) {
        // Named as the real one, so Boot applies its environment variable mapping rules to it.
        ConfigurationPropertySource environment = ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(variable, "value"))).iterator().next();
        return environment.getConfigurationProperty(ConfigurationPropertyName.of(property)) != null;
    }

    /** The property and variable cells of the table before the first sub-heading of the configuration reference. */
    private static List<String[]> rows() throws IOException {
        String reference = Files.readString(Path.of("docs", "configuration.md"));
        String section = reference.substring(0, reference.indexOf("\n## "));
        List<String[]> rows = new ArrayList<>();
        section.lines().filter(line -> line.startsWith("| `")).forEach(line -> {
            String[] cells = line.split("\\|");
            rows.add(new String[] {cells[1], cells[2]});
        });
        return rows;
    }

    private static List<String> names(String cell) {
        List<String> names = new ArrayList<>();
        Matcher code = CODE.matcher(cell);
        while (code.find()) {
            names.add(code.group(1));
        }
        return names;
    }

    private static String variable(String propertySegment) {
        return propertySegment.toUpperCase().replace('-', '_');
    }
}
