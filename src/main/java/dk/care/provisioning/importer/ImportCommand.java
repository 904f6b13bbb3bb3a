package dk.care.provisioning.importer;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dk.care.provisioning.config.TopicProperties;
import dk.care.provisioning.user.FieldRules;
import dk.care.provisioning.user.PasswordPolicy;
import dk.care.provisioning.v1.CreateUserRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import org.springframework.boot.convert.DurationStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * The {@code import} command: feeds an HR export (CSV) through the request topic, one
 * CreateUserRequest per row with a deterministic requestId, waits for every outcome and writes a
 * per-row report. Checks the whole file before it publishes anything; never starts the worker.
 */
@Command(name = ImportCommand.NAME, sortOptions = false, usageHelpWidth = 100,
        description = {"Creates users from an HR export (CSV): checks every row with the worker's field rules, "
                + "publishes one CreateUserRequest per valid row, waits for the outcomes and writes a report."},
        exitCodeOnInvalidInput = ImportCommand.NOTHING_PUBLISHED,
        exitCodeOnExecutionException = ImportCommand.NOT_ALL_ANSWERED,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:every row was created (dry run: every row passed the checks)",
                "1:every row was answered, and some were rejected (by the checks here or by the worker)",
                "2:not every row was answered (outcome timeout, or publishing stopped); the report says which",
                "3:nothing was published: the file, the mapping, the options or the connection are unusable"},
        footerHeading = "%nWorker configuration:%n",
        footer = {"The command reads the worker's configuration (application.yml, SPRING_* and PROVISIONING_* "
                + "environment variables): Kafka and registry connection, topics, password rules. Arguments "
                + "--spring.*=… and --provisioning.*=… override it, e.g. --spring.kafka.bootstrap-servers=kafka:9092."})
public final class ImportCommand implements Callable<Integer> {

    /** The first argument that selects this command instead of the worker. */
    public static final String NAME = "import";

    static final int ALL_CREATED = 0;
    static final int SOME_REJECTED = 1;
    static final int NOT_ALL_ANSWERED = 2;
    static final int NOTHING_PUBLISHED = 3;

    private static final Duration SCHEMA_RESOLUTION_TIME = Duration.ofSeconds(30);
    private static final Pattern PROPERTY_ARGUMENT = Pattern.compile("--(spring|provisioning|logging)\\.[^=]+=.*");

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "CSV", description = "the HR export")
    private Path file;

    @Option(names = {"-m", "--mapping"}, required = true, paramLabel = "PROPERTIES",
            description = "which column is which request field (see docs/import.md)")
    private Path mapping;

    @Option(names = {"-r", "--report"}, paramLabel = "CSV",
            description = "where the report goes; default <file name>-report.csv in the current directory")
    private @Nullable Path report;

    @Option(names = "--dry-run", description = "check every row and write the report, publish nothing")
    private boolean dryRun;

    @Option(names = "--worker-key", paramLabel = "JWK",
            description = "the worker's public JWE key (JWK or JWK set); passwords and CPR numbers are encrypted to it")
    private @Nullable Path workerKey;

    @Option(names = "--worker-key-id", paramLabel = "KID", description = "which key of --worker-key to use")
    private @Nullable String workerKeyId;

    @Option(names = "--allow-plaintext-secrets",
            description = "send secrets unencrypted when no --worker-key is given; only a worker with "
                    + "provisioning.security.allow-plaintext-secrets=true accepts them")
    private boolean allowPlaintextSecrets;

    @Option(names = "--outcome-timeout", defaultValue = "2m", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "stop waiting when no outcome arrived for this long (default: ${DEFAULT-VALUE})")
    private Duration outcomeTimeout;

    @Option(names = "--requested-by", paramLabel = "NAME", description = "requestedBy of every request; default: "
            + "the user running the command")
    private String requestedBy = System.getProperty("user.name");

    @Option(names = "--attempt", defaultValue = "1", paramLabel = "N",
            description = "above 1, every row gets a new requestId: re-sends rows whose earlier outcome was a "
                    + "failure fixed since (e.g. missing reference data)")
    private int attempt;

    @Option(names = "--max-rows", defaultValue = "1000000", paramLabel = "N",
            description = "refuse files with more rows (default: ${DEFAULT-VALUE})")
    private long maxRows;

    @Option(names = "--progress", defaultValue = "AUTO", paramLabel = "STYLE",
            description = "AUTO (a bar on a terminal, lines otherwise), BAR, LINES or NONE")
    private Progress.Style progressStyle;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    private boolean help;

    @Unmatched
    private List<String> propertyArguments = new ArrayList<>();

    @Spec
    private CommandSpec spec;

    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;

    private ImportCommand(PrintStream out, PrintStream err, Clock clock) {
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    /** Runs the command from the worker's main method, quietly (warnings only), and exits with its code. */
    public static void main(String... args) {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        ((Logger) LoggerFactory.getLogger("org.apache.kafka")).setLevel(Level.ERROR);
        System.exit(execute(System.out, System.err, args));
    }

    /** Runs the command and returns its exit code. */
    static int execute(PrintStream out, PrintStream err, String... args) {
        return new CommandLine(new ImportCommand(out, err, Clock.systemUTC()))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        for (String argument : propertyArguments) {
            if (!PROPERTY_ARGUMENT.matcher(argument).matches()) {
                throw new ParameterException(spec.commandLine(), "Unknown option: '" + argument + "'");
            }
        }
        if (attempt < 1 || maxRows < 1) {
            throw new ParameterException(spec.commandLine(), "--attempt and --max-rows must be at least 1");
        }
        try {
            return run();
        } catch (BadInputException e) {
            err.println("import: " + e.getMessage());
            err.println("Nothing was published.");
            return NOTHING_PUBLISHED;
        }
    }

    private int run() throws IOException, InterruptedException, BadInputException {
        String fileName = file.getFileName().toString();
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException("no file " + file);
        }
        WorkerSettings settings = WorkerSettings.load(propertyArguments);
        var rules = new FieldRules(new PasswordPolicy(settings.passwordMinLength()));
        var ledger = new Ledger();
        char separator;
        boolean byteOrderMark;
        Run run;
        try (var progress = new Progress(out, progressStyle, ledger, size)) {
            RowCheck check;
            RequestSecrets secrets;
            String source;
            try (CsvFile csv = CsvFile.open(file, ledger.bytesRead)) {
                ColumnMapping columns = ColumnMapping.load(mapping, fileName, csv.header());
                source = columns.source();
                secrets = secrets(columns);
                check = new RowCheck(columns, rules, fileName, requestedBy, attempt, clock);
                separator = csv.separator();
                byteOrderMark = csv.byteOrderMark();
                for (CsvRow row = csv.next(); row != null; row = csv.next()) {
                    if (row.number() > maxRows) {
                        throw BadInputException.at(fileName, row.line(), 1, "more than " + maxRows
                                + " rows; split the file or raise --max-rows");
                    }
                    RowCheck.Checked checked = check.check(row);
                    ledger.add(row, checked.request().getExternalId(), checked.request().getRequestId(),
                            checked.violations(), dryRun);
                }
            }
            if (ledger.rowCount() == 0) {
                throw new BadInputException(fileName + ": the header is not followed by any row");
            }
            run = new Run(source, secrets);
            if (!dryRun) {
                publishAndWait(settings, check, secrets, ledger, progress, run);
            }
        }
        List<Ledger.Row> rows = ledger.rows();
        Path reportFile = report != null ? report : Path.of(fileName.replaceFirst("\\.[^.]*$", "") + "-report.csv");
        Report.write(reportFile, rows, separator, byteOrderMark);
        out.print(run.headline(fileName, rows.size(), ledger, dryRun));
        out.print(Report.summary(rows));
        out.println("Report: " + reportFile);
        return exitCode(rows);
    }

    private RequestSecrets secrets(ColumnMapping columns) throws BadInputException {
        if (workerKey != null) {
            return RequestSecrets.toKeyIn(workerKey, workerKeyId);
        }
        RequestSecrets withoutKey = RequestSecrets.withoutKey(allowPlaintextSecrets || dryRun);
        if (columns.mapsSecrets() && !withoutKey.sendsSecrets()) {
            throw new BadInputException("the mapping has passwords or CPR numbers, which are encrypted to the worker's "
                    + "public key: give it with --worker-key (or --allow-plaintext-secrets, for a worker that "
                    + "allows plaintext secrets)");
        }
        return withoutKey;
    }

    private void publishAndWait(WorkerSettings settings, RowCheck check, RequestSecrets secrets, Ledger ledger,
                                Progress progress, Run run) throws IOException, InterruptedException, BadInputException {
        TopicProperties topics = settings.topics();
        String notSent = "not sent: publishing stopped";
        progress.phase("connecting");
        // Closed by the producer.
        Serializer<Object> values = valueSerializer(settings.producer());
        try (var outcomes = OutcomeReader.atEnd(settings.consumer(),
                List.of(topics.userCreated(), topics.userCreationFailed()), ledger);
             var producer = new KafkaProducer<>(settings.producer(), new StringSerializer(), values)) {
            outcomes.start();
            progress.phase("publishing");
            run.publishing();
            try (CsvFile csv = CsvFile.open(file, new AtomicLong())) {
                for (CsvRow row = csv.next(); row != null && row.number() <= ledger.rowCount(); row = csv.next()) {
                    String checkedId = ledger.toPublish(row.number());
                    if (checkedId == null) {
                        continue;
                    }
                    CreateUserRequest request = check.request(row);
                    if (!request.getRequestId().equals(checkedId)) {
                        notSent = "not sent: the file changed while it was imported (row " + row.number() + ")";
                        break;
                    }
                    secrets.encrypt(request);
                    if (ledger.published.get() == 0) {
                        resolveSchema(values, topics.requests(), request);
                    }
                    String requestId = request.getRequestId();
                    ledger.sent(requestId);
                    try {
                        producer.send(new ProducerRecord<>(topics.requests(), requestId, request), (metadata, failure) -> {
                            if (failure == null) {
                                ledger.acknowledged(requestId);
                            } else {
                                ledger.notPublished(requestId, "not published: " + describe(failure));
                            }
                        });
                    } catch (KafkaException e) {
                        notSent = "not sent: publishing stopped at row " + row.number() + ": " + describe(e);
                        ledger.notPublished(requestId, "not published: " + describe(e));
                        break;
                    }
                }
            } catch (BadInputException e) {
                if (ledger.published.get() == 0) {
                    throw e;
                }
                notSent = "not sent: the file changed while it was imported: " + e.getMessage();
            }
            producer.flush();
            run.published();
            progress.phase("waiting");
            long waitingSince = System.nanoTime();
            while (!ledger.allAnswered() && outcomes.failure() == null && System.nanoTime()
                    - Math.max(waitingSince, ledger.lastAnswerNanos()) < outcomeTimeout.toNanos()) {
                Thread.sleep(50);
            }
            run.answered(ledger);
            if (outcomes.failure() != null) {
                err.println("import: reading outcomes failed: " + describe(outcomes.failure()));
            }
        }
        ledger.finish(notSent);
    }

    @SuppressWarnings("unchecked")
    private static Serializer<Object> valueSerializer(Map<String, Object> producer) {
        Serializer<Object> values = new ProducerConfig(producer)
                .getConfiguredInstance(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, Serializer.class);
        values.configure(producer, false);
        return values;
    }

    /**
     * Serializes the first request before anything is sent, retrying for a while: the serializer then
     * knows the schema id, so a registry that cannot be reached stops the import before the first
     * request instead of in the middle.
     */
    private static void resolveSchema(Serializer<Object> values, String topic, CreateUserRequest request)
            throws BadInputException, InterruptedException {
        long deadline = System.nanoTime() + SCHEMA_RESOLUTION_TIME.toNanos();
        while (true) {
            try {
                values.serialize(topic, request);
                return;
            } catch (SerializationException e) {
                if (System.nanoTime() > deadline) {
                    throw new BadInputException("cannot serialize requests for " + topic + ": " + describe(e));
                }
                Thread.sleep(1_000);
            }
        }
    }

    private static String describe(Throwable failure) {
        return failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    }

    static int exitCode(List<Ledger.Row> rows) {
        int code = ALL_CREATED;
        for (Ledger.Row row : rows) {
            switch (row.state) {
                case NOT_ANSWERED, NOT_PUBLISHED, PENDING, SENT, ACKNOWLEDGED -> {
                    return NOT_ALL_ANSWERED;
                }
                case INVALID, FAILED -> code = SOME_REJECTED;
                case VALID, CREATED -> { }
            }
        }
        return code;
    }

    /** Timings of one run, for the summary's headline. */
    private static final class Run {
        private final String source;
        private final RequestSecrets secrets;
        private final long started = System.nanoTime();
        private long publishingStarted;
        private long publishedAfter;
        private long lastOutcomeAfter;

        Run(String source, RequestSecrets secrets) {
            this.source = source;
            this.secrets = secrets;
        }

        void publishing() {
            publishingStarted = System.nanoTime();
        }

        void published() {
            publishedAfter = System.nanoTime() - publishingStarted;
        }

        void answered(Ledger ledger) {
            lastOutcomeAfter = ledger.lastAnswerNanos() == 0 ? 0 : ledger.lastAnswerNanos() - publishingStarted;
        }

        String headline(String fileName, int rows, Ledger ledger, boolean dryRun) {
            String what = dryRun ? String.format("%s (source %s): %,d rows checked in %.1f s, nothing published (dry run)%n",
                    fileName, source, rows, (System.nanoTime() - started) / 1e9)
                    : String.format("%s (source %s): %,d rows, %,d requests published in %.1f s, %,d outcomes, "
                            + "the last %.1f s after publishing began%n", fileName, source, rows,
                            ledger.published.get(), publishedAfter / 1e9, ledger.answered.get(),
                            Math.max(0, lastOutcomeAfter) / 1e9);
            return what + (secrets.encrypts() || !dryRun ? "Secrets: " + secrets.describe() + "\n" : "");
        }
    }

    /** Reads durations as the worker's configuration does: 30s, 2m, PT2M. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return DurationStyle.detectAndParse(value);
        }
    }
}
