package dk.care.provisioning.dev;

import com.nimbusds.jose.jwk.JWKSet;
import dk.care.provisioning.security.JweTestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Gives the embedded default a throw-away JWE key set (one RSA, one EC key, fresh on every start,
 * in a temporary file) unless {@code provisioning.security.jwe.key-set-path} is configured, so the
 * sample producer can encrypt its secrets as an HR system would. Registered by
 * {@link LocalWorkerApplication}; it runs before any bean binds its properties.
 */
final class DemoJweKeySet implements BeanFactoryPostProcessor, EnvironmentAware {

    static final String KEY_SET_PATH = "provisioning.security.jwe.key-set-path";

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
        JWKSet keySet = new JWKSet(List.of(JweTestSupport.rsaKey("demo-rsa"), JweTestSupport.ecKey("demo-ec")));
        Path file = write(keySet, "demo-worker-jwks");
        // Last: any configured value, from arguments, environment or a profile, still wins.
        environment.getPropertySources().addLast(new MapPropertySource("demoJweKeySet", Map.of(KEY_SET_PATH, file.toString())));
        log.info("Throw-away JWE keys of this run (kids demo-rsa, demo-ec); producers encrypt to the public keys in {}",
                write(keySet.toPublicJWKSet(), "demo-worker-jwks-public"));
    }

    private static Path write(JWKSet keySet, String prefix) {
        try {
            Path file = Files.createTempFile(prefix, ".json",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            file.toFile().deleteOnExit();
            return JweTestSupport.writeKeySet(keySet, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
