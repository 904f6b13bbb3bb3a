package dk.care.provisioning.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The repackaged jar that {@code package} builds, run by the integration tests as an operator runs it
 * (failsafe passes its path as {@code worker.jar}), and what every such run must show: readiness UP
 * and a clean stop on SIGTERM.
 */
public final class PackagedJar {

    /** The JVM's answer to SIGTERM once its shutdown hooks have run: 128 + 15. */
    public static final int SIGTERM_EXIT_CODE = 143;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PackagedJar() {
    }

    public static Path path() {
        String jar = System.getProperty("worker.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("No packaged jar (system property worker.jar: " + jar + "); run "
                    + "the integration tests with ./mvnw verify, which packages the jar first");
        }
        return Path.of(jar);
    }

    /** Polls the readiness probe until it answers 200 with status UP; fails at once if the worker ends. */
    public static void awaitReady(WorkerProcess worker, URI readiness) {
        HttpRequest request = HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(5)).build();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!worker.isAlive()) {
                throw new IllegalStateException("Worker " + worker.name() + " exited with " + worker.exitCode()
                        + " before readiness was UP:\n" + worker.log());
            }
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200 && response.body().contains("\"status\":\"UP\"");
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** SIGTERM: the worker drains, closes its clients and the JVM ends as terminated by the signal. */
    public static void assertStopsCleanlyOnSigterm(WorkerProcess worker) {
        worker.stop();
        assertThat(worker.exitCode()).as("exit code after SIGTERM").isEqualTo(SIGTERM_EXIT_CODE);
        assertThat(worker.log()).contains("Commencing graceful shutdown", "Graceful shutdown complete",
                "HikariPool-1 - Shutdown completed");
    }

    /**
     * Free ports standing in for the ports a document names: the same documented port always gets the
     * same stand-in, so the infrastructure and the worker that points at it agree.
     */
    public static final class Ports {

        private final Map<Integer, Integer> standIns = new HashMap<>();

        public int of(int documented) {
            return standIns.computeIfAbsent(documented, port -> freePort());
        }

        private static int freePort() {
            try (var socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
