package dk.care.provisioning.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml read as Docker Compose reads it, for tests that cannot run Docker: services, their
 * environment with {@code ${VAR}}, {@code ${VAR:?message}} and {@code ${VAR:-default}} interpolated from
 * a {@code .env}, and their mounts.
 */
public final class ComposeFile {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:\\?|:-)([^}]*))?}|\\$\\$");

    private final Path directory;
    private final String text;
    private final Map<String, Map<String, Object>> services;

    private ComposeFile(Path directory, String text, Map<String, Map<String, Object>> services) {
        this.directory = directory;
        this.text = text;
        this.services = services;
    }

    @SuppressWarnings("unchecked")
    public static ComposeFile load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Map<String, Object> compose = new Yaml().load(in);
            return new ComposeFile(file.toAbsolutePath().getParent(), Files.readString(file),
                    (Map<String, Map<String, Object>>) compose.get("services"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** KEY=VALUE lines of a .env file; comments and blank lines skipped, values verbatim. */
    public static Map<String, String> readEnvFile(Path file) {
        Map<String, String> variables = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    int equals = line.indexOf('=');
                    variables.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return variables;
    }

    public Set<String> serviceNames() {
        return services.keySet();
    }

    public Map<String, Object> service(String name) {
        Map<String, Object> service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("docker-compose.yml has no service " + name);
        }
        return service;
    }

    /** Every variable the file interpolates, mapped to whether it is required ({@code ${VAR:?message}}). */
    public Map<String, Boolean> variables() {
        Map<String, Boolean> variables = new LinkedHashMap<>();
        Matcher matcher = REFERENCE.matcher(text);
        while (matcher.find()) {
            if (matcher.group(1) != null) {
                variables.merge(matcher.group(1), ":?".equals(matcher.group(2)), Boolean::logicalOr);
            }
        }
        return variables;
    }

    /** The service's environment as its container sees it, interpolated from {@code variables}. */
    @SuppressWarnings("unchecked")
    public Map<String, String> environment(String service, Map<String, String> variables) {
        Map<String, String> environment = new LinkedHashMap<>();
        ((Map<String, Object>) service(service).getOrDefault("environment", Map.of()))
                .forEach((name, value) -> environment.put(name, interpolate(String.valueOf(value), variables)));
        return environment;
    }

    /**
     * Bind mounts of the service, container path to host path (relative host paths resolved against the
     * directory of the compose file, as Compose does); named volumes are left out.
     */
    public Map<String, Path> bindMounts(String service, Map<String, String> variables) {
        Map<String, Path> mounts = new LinkedHashMap<>();
        for (String volume : volumes(service)) {
            String[] parts = interpolate(volume, variables).split(":");
            if (parts[0].startsWith(".") || parts[0].startsWith("/")) {
                mounts.put(parts[1], directory.resolve(parts[0]).normalize());
            }
        }
        return mounts;
    }

    /** Named volumes of the service, volume name to container path. */
    public Map<String, String> namedVolumes(String service) {
        Map<String, String> mounts = new LinkedHashMap<>();
        for (String volume : volumes(service)) {
            String[] parts = volume.split(":");
            if (!parts[0].startsWith(".") && !parts[0].startsWith("/") && !parts[0].startsWith("$")) {
                mounts.put(parts[0], parts[1]);
            }
        }
        return mounts;
    }

    @SuppressWarnings("unchecked")
    public List<String> ports(String service) {
        return (List<String>) service(service).getOrDefault("ports", List.of());
    }

    /** The command of the service's health check as one string. */
    public String healthCheck(String service) {
        Map<?, ?> healthCheck = (Map<?, ?>) service(service).get("healthcheck");
        return healthCheck == null ? "" : String.valueOf(healthCheck.get("test"));
    }

    @SuppressWarnings("unchecked")
    private List<String> volumes(String service) {
        return (List<String>) service(service).getOrDefault("volumes", List.of());
    }

    private static String interpolate(String value, Map<String, String> variables) {
        Matcher matcher = REFERENCE.matcher(value);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(result, Matcher.quoteReplacement(resolve(matcher, variables)));
        }
        return matcher.appendTail(result).toString();
    }

    private static String resolve(Matcher reference, Map<String, String> variables) {
        if (reference.group(1) == null) {
            return "$";
        }
        String value = variables.getOrDefault(reference.group(1), "");
        if (":?".equals(reference.group(2)) && value.isEmpty()) {
            // Compose refuses to start the stack with this message.
            throw new IllegalStateException("docker compose: " + reference.group(3));
        }
        return value.isEmpty() && ":-".equals(reference.group(2)) ? reference.group(3) : value;
    }
}
