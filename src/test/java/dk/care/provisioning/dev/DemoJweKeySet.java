package dk.care.provisioning.dev;

import com.nimbusds.jose.jwk.JWKSet;
import dk.care.provisioning.security.JweTestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Gives the embedded default a throw-away JWE key set (one RSA, one EC key) unless
 * {@code provisioning.security.jwe.key-set-path} is configured, so the sample producer can encrypt its
 * secrets as an HR system would. The set lives in {@code target/demo-keys}, made on the first start and
 * kept until {@code mvn clean}, so a packaged jar started beside the embedded default can be given the
 * same keys (docs/operations.md). Registered by {@link LocalWorkerApplication}; it runs before any bean binds its
 * properties.
 */
final class DemoJweKeySet implements BeanFactoryPostProcessor, EnvironmentAware {

    static final String KEY_SET_PATH = "provisioning.security.jwe.key-set-path";
    static final Path KEY_SET_FILE = Path.of("target", "demo-keys", "worker-jwks.json");
    static final Path PUBLIC_KEY_SET_FILE = Path.of("target", "demo-keys", "worker-jwks-public.json");

    private static final Logger log = LoggerFactory.getLogger(DemoJweKeySet.class);

    private ConfigurableEnvironment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = (ConfigurableEnvironment) environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        if (StringUtils.hasText(environment.getProperty(KEY_SET_PATH))) {
            return;
        }
        if (!Files.exists(KEY_SET_FILE)) {
            write(new JWKSet(List.of(JweTestSupport.rsaKey("demo-rsa"), JweTestSupport.ecKey("demo-ec"))));
        }
        // Last: any configured value, from arguments, environment or a profile, still wins.
        environment.getPropertySources().addLast(new MapPropertySource("demoJweKeySet",
                Map.of(KEY_SET_PATH, KEY_SET_FILE.toAbsolutePath().toString())));
        log.info("Throw-away JWE keys of the embedded default (kids demo-rsa, demo-ec) in {}; producers encrypt to "
                + "the public keys in {}", KEY_SET_FILE.toAbsolutePath(), PUBLIC_KEY_SET_FILE.toAbsolutePath());
    }

    // Written under a temporary name and renamed, so a second embedded default starting at the same moment
    // never reads half a file.
    private static void write(JWKSet keySet) {
        try {
            Path directory = Files.createDirectories(KEY_SET_FILE.getParent());
            Path file = Files.createTempFile(directory, "worker-jwks", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.move(JweTestSupport.writeKeySet(keySet, file), KEY_SET_FILE, StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(PUBLIC_KEY_SET_FILE, keySet.toPublicJWKSet().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
