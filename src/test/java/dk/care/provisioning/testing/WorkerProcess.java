package dk.care.provisioning.testing;

import static org.awaitility.Awaitility.await;

import dk.care.provisioning.ProvisioningWorkerApplication;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The worker as a separate JVM, started from the production classes or from the packaged jar exactly
 * as deployed, so that a test can stop it with SIGTERM or kill it with SIGKILL. Test classes stay off
 * its classpath: component scanning would otherwise pick up the embedded default's configurations.
 */
public final class WorkerProcess implements AutoCloseable {

    private static final String STARTED = "Started " + ProvisioningWorkerApplication.class.getSimpleName();
    private static final int UNKNOWN = 0;

    private final String name;
    private final Path logFile;
    private final Process process;
    private final int managementPort;

    private WorkerProcess(String name, Path logFile, Process process, int managementPort) {
        this.name = name;
        this.logFile = logFile;
        this.process = process;
        this.managementPort = managementPort;
    }

    /**
     * A test worker's JVM: small, and C1 only, since a worker's start costs half the CPU time without C2
     * compiling in the background, which on a busy two-core machine is most of a start; the few minutes a
     * test worker runs do not repay C2. Not for measuring a worker's speed.
     */
    public static final List<String> TEST_JVM = List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    /** Starts a worker with the given Spring properties in a {@link #TEST_JVM} and waits until its application context is up. */
    public static WorkerProcess start(String name, Path logDir, Map<String, String> properties) {
        return start(name, logDir, TEST_JVM, properties);
    }

    /** Starts a worker in a JVM with these options and waits until its application context is up. */
    public static WorkerProcess start(String name, Path logDir, List<String> jvmOptions, Map<String, String> properties) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", productionClassPath(), ProvisioningWorkerApplication.class.getName()));
        // Several workers run side by side: each takes free HTTP and management ports. The management port is
        // chosen here, since both servers log the same "Tomcat started" line and only the order tells them apart.
        int managementPort = freePort();
        command.add("--server.port=0");
        command.add("--management.server.port=" + managementPort);
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        return launch(name, logDir, new ProcessBuilder(command), managementPort).awaitStarted();
    }

    /**
     * Starts the packaged jar as deployed, {@code java -jar}, with exactly {@code environment} as its
     * environment (nothing inherited from the test's), without waiting for it.
     */
    public static WorkerProcess launchJar(String name, Path logDir, Path jar, Map<String, String> environment) {
        var builder = new ProcessBuilder(javaBinary(), "-jar", jar.toString());
        builder.environment().clear();
        builder.environment().putAll(environment);
        return launch(name, logDir, builder, UNKNOWN);
    }

    private static WorkerProcess launch(String name, Path logDir, ProcessBuilder builder, int managementPort) {
        try {
            Files.createDirectories(logDir);
            Path logFile = logDir.resolve(name + ".log");
            Process process = builder.redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
            // A test JVM that exits without closing must not leave workers behind.
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            return new WorkerProcess(name, logFile, process, managementPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the application context is up; fails at once if the worker exits first. */
    public WorkerProcess awaitStarted() {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("Worker " + name + " exited with " + process.exitValue() + "; see " + logFile);
            }
            return log().contains(STARTED);
        });
        return this;
    }

    /** Waits for a worker that is expected to end by itself and returns its exit code. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("Worker " + name + " still runs after " + timeout + "; see " + logFile);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL: no shutdown hook, no graceful stop, no final offset commit or outbox drain. */
    public void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** SIGTERM: the graceful shutdown a rolling deployment does. */
    public void stop() {
        process.destroy();
        waitFor();
    }

    /** CPU time the worker's JVM has used so far: what start-up costs whatever else the machine does. */
    public Duration cpuTime() {
        return process.info().totalCpuDuration().orElseThrow();
    }

    /** The exit code of a worker that has ended. */
    public int exitCode() {
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String name() {
        return name;
    }

    /** The URL of an Actuator endpoint, e.g. {@code /actuator/health}, on the management port this worker was given. */
    public URI actuator(String path) {
        if (managementPort == UNKNOWN) {
            throw new IllegalStateException("Worker " + name + " was launched with an environment of its own; "
                    + "read its management port from that environment");
        }
        return URI.create("http://localhost:" + managementPort + path);
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything the worker logged so far. */
    public String log() {
        try {
            return Files.readString(logFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void waitFor() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElseThrow(() -> new IllegalStateException("No java binary"));
    }

    /** Surefire's class path without the test classes: the production classes and the dependencies. */
    private static String productionClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }
}
