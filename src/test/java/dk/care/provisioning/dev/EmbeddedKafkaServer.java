package dk.care.provisioning.dev;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A real single-node KRaft Kafka server (broker and controller) running in-process on fixed ports. */
public final class EmbeddedKafkaServer implements AutoCloseable {

    public static final int DEFAULT_PORT = 9092;
    public static final int DEFAULT_CONTROLLER_PORT = 9093;
    /**
     * The consumer group session timeout recommended for production brokers: a killed worker's
     * partitions move after 15 s instead of Kafka's default 45 s.
     */
    public static final Duration CONSUMER_SESSION_TIMEOUT = Duration.ofSeconds(15);

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaServer.class);
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final String host;
    private final int port;
    private final int controllerPort;
    private final Path logDir;
    private final boolean deleteLogDirOnClose;
    private final KafkaConfig config;
    private final Duration startupTimeout;
    private volatile KafkaRaftServer server;
    private volatile boolean stopped;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafkaServer(Builder builder) {
        this.host = builder.host;
        // Port 0 is resolved here rather than by Kafka: the controller quorum voters and the
        // advertised listener must name the real port before the server starts.
        this.port = builder.port == 0 ? freePort(builder.host) : requireFree(builder.host, builder.port, "Kafka");
        this.controllerPort = builder.controllerPort == 0 ? freePort(builder.host)
                : requireFree(builder.host, builder.controllerPort, "Kafka controller");
        this.deleteLogDirOnClose = builder.logDir == null;
        this.logDir = builder.logDir != null ? createDirectories(builder.logDir) : createTempDir();

        this.startupTimeout = builder.startupTimeout;
        try {
            this.config = KafkaConfig.fromProps(serverProperties(builder.overrides), false);
            format();
        }
        catch (RuntimeException ex) {
            if (deleteLogDirOnClose) {
                deleteRecursively(logDir);
            }
            throw ex;
        }
        launch();
    }

    private void launch() {
        long started = System.nanoTime();
        server = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            // Returns once the broker is unfenced; the admin round trip below proves clients can connect.
            server.startup();
            awaitReady(startupTimeout);
        }
        catch (RuntimeException ex) {
            close();
            throw new IllegalStateException("Embedded Kafka failed to start on " + bootstrapServers(), ex);
        }
        log.info("Embedded Kafka started in {} ms: bootstrap servers {}, log dir {}",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), bootstrapServers(), logDir);
    }

    /** Starts a server on the default ports with a temporary log directory. */
    public static EmbeddedKafkaServer start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The value for {@code bootstrap.servers}, e.g. {@code localhost:9092}. */
    public String bootstrapServers() {
        return host + ":" + port;
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public Path logDir() {
        return logDir;
    }

    /**
     * Stops the broker and its controller but keeps the log dir, as in a broker outage; {@link #restart()}
     * brings the same cluster back on the same ports, with its topics, records and committed offsets.
     */
    public synchronized void stop() {
        if (!stopped && !closed.get()) {
            shutDown();
            stopped = true;
        }
    }

    /** Starts the server stopped by {@link #stop()} again, on the same ports and log dir. */
    public synchronized void restart() {
        if (stopped && !closed.get()) {
            requireFree(host, port, "Kafka");
            requireFree(host, controllerPort, "Kafka controller");
            stopped = false;
            launch();
        }
    }

    @Override
    public synchronized void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (!stopped) {
            shutDown();
        }
        if (deleteLogDirOnClose) {
            deleteRecursively(logDir);
        }
    }

    private void shutDown() {
        long started = System.nanoTime();
        if (server != null) {
            try {
                server.shutdown();
                server.awaitShutdown();
            }
            catch (RuntimeException ex) {
                log.warn("Embedded Kafka did not shut down cleanly", ex);
            }
        }
        log.info("Embedded Kafka on {} stopped in {} ms", bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private Properties serverProperties(Map<String, String> overrides) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        // Static quorum: the formatter then needs no initial-controllers record.
        props.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("listeners", "PLAINTEXT://" + host + ":" + port + "," + CONTROLLER_LISTENER + "://" + host + ":" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dir", logDir.toString());
        // A single node cannot satisfy the default replication factor of 3 of the internal topics.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        // The minimum must allow the session timeout, or the broker refuses to start.
        props.put("group.consumer.session.timeout.ms", String.valueOf(CONSUMER_SESSION_TIMEOUT.toMillis()));
        props.put("group.consumer.min.session.timeout.ms", String.valueOf(CONSUMER_SESSION_TIMEOUT.toMillis()));
        props.put("num.partitions", "3");
        props.put("default.replication.factor", "1");
        // As in production, topics exist only because someone declared them (the app's NewTopic
        // beans); a typo in a topic name then fails loudly instead of creating a stray topic.
        props.put("auto.create.topics.enable", "false");
        // The log cleaner allocates this buffer eagerly (128 MB by default): too much for a dev JVM.
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        props.putAll(overrides);
        return props;
    }

    private void format() {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            // Already formatted (persistent log dir). Formatter's ignore-formatted mode would still
            // reject it, because it checks the directory against the new cluster id.
            return;
        }
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(new LogLineStream(), true))
                    .setClusterId(Uuid.randomUuid().toString())
                    .setNodeId(config.nodeId())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .addDirectory(logDir.toString())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        }
        catch (Exception ex) {
            throw new IllegalStateException("Could not format Kafka log dir " + logDir, ex);
        }
    }

    private void awaitReady(Duration timeout) {
        Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 5_000));
        try (Admin admin = Admin.create(adminConfig)) {
            int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
            if (nodes == 0) {
                throw new IllegalStateException("Broker reported no nodes");
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for embedded Kafka", ex);
        }
        catch (Exception ex) {
            throw new IllegalStateException("Embedded Kafka not ready after " + timeout, ex);
        }
    }

    private static int requireFree(String host, int port, String what) {
        // Kafka would fail deep inside start-up with a bind error; say which property to change instead.
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return port;
        }
        catch (IOException ex) {
            throw new IllegalStateException(what + " port " + host + ":" + port
                    + " is already in use (another broker running?); choose another port", ex);
        }
    }

    private static int freePort(String host) {
        // Small race between closing this socket and Kafka binding the port; acceptable for dev and tests.
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("embedded-kafka-");
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException | UncheckedIOException ex) {
            log.warn("Could not delete Kafka log dir {}", dir, ex);
        }
    }

    /** Configures and starts an {@link EmbeddedKafkaServer}. */
    public static final class Builder {

        private String host = "localhost";
        private int port = DEFAULT_PORT;
        private int controllerPort = DEFAULT_CONTROLLER_PORT;
        private Path logDir;
        private Duration startupTimeout = Duration.ofSeconds(60);
        private final Map<String, String> overrides = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** Client (PLAINTEXT) port; 0 picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Controller (KRaft quorum) port; 0 picks a free one. */
        public Builder controllerPort(int controllerPort) {
            this.controllerPort = controllerPort;
            return this;
        }

        /** Keeps topics and offsets in this directory across restarts; by default a temporary directory is used and deleted on close. */
        public Builder logDir(Path logDir) {
            this.logDir = logDir;
            return this;
        }

        public Builder startupTimeout(Duration startupTimeout) {
            this.startupTimeout = startupTimeout;
            return this;
        }

        /** Any broker setting, applied last (e.g. {@code auto.create.topics.enable=true}). */
        public Builder brokerProperty(String name, String value) {
            overrides.put(name, value);
            return this;
        }

        public EmbeddedKafkaServer start() {
            return new EmbeddedKafkaServer(this);
        }
    }

    /** Routes the formatter's console output to the log. */
    private static final class LogLineStream extends OutputStream {

        private final StringBuilder line = new StringBuilder();

        @Override
        public void write(int b) {
            if (b == '\n') {
                flush();
            }
            else {
                line.append((char) b);
            }
        }

        @Override
        public void flush() {
            if (!line.isEmpty()) {
                log.debug("Kafka storage formatter: {}", line);
                line.setLength(0);
            }
        }
    }
}
