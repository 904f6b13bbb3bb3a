package dk.care.provisioning.importer;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dk.care.provisioning.config.TopicProperties;
import dk.care.provisioning.user.FieldRules;
import dk.care.provisioning.user.PasswordPolicy;
import dk.care.provisioning.v1.ChangeUserRequest;
import dk.care.provisioning.v1.CreateUserRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
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
                + "publishes one CreateUserRequest per valid row, waits for the outcomes and writes a report. "
                + "With --sync the export is the whole staff of its source and organisation: joiners are created, "
                + "movers moved and updated, leavers deactivated and rejoiners reactivated (ChangeUserRequests)."},
        exitCodeOnInvalidInput = ImportCommand.NOTHING_PUBLISHED,
        exitCodeOnExecutionException = ImportCommand.NOT_ALL_ANSWERED,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:every row was created (dry run: every row passed the checks)",
                "1:every row was answered, and some were rejected (by the checks here or by the worker)",
                "2:not every row was answered (outcome timeout, or publishing stopped); the report says which",
                "3:nothing was published: the file, the mapping, the options or the connection are unusable",
                "4:sync: nothing was published: more users would be deactivated than --max-leavers allows"},
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
    static final int STOPPED_BY_LEAVER_GUARD = 4;

    private static final Duration SCHEMA_RESOLUTION_TIME = Duration.ofSeconds(30);
    private static final Pattern PROPERTY_ARGUMENT = Pattern.compile("--(spring|provisioning|logging)\\.[^=]+=.*");
    private static final Pattern LEAVER_LIMIT = Pattern.compile("(\\d{1,9})(%?)");

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "CSV", description = "the HR export")
    private Path file;

    @Option(names = {"-m", "--mapping"}, required = true, paramLabel = "PROPERTIES",
            description = "which column is which request field (see docs/import.md)")
    private Path mapping;

    @Option(names = {"-r", "--report"}, paramLabel = "CSV",
            description = "where the report goes; default <file name>-report.csv in the current directory")
    private @Nullable Path report;

    @Option(names = "--dry-run", description = "check every row and write the report, publish nothing; "
            + "with --sync: print the plan and write it as the report")
    private boolean dryRun;

    @Option(names = "--sync", description = "the file is the whole staff of the mapping's source and organisation: "
            + "create joiners, move and update movers, deactivate leavers, reactivate rejoiners (docs/import.md, Sync)")
    private boolean sync;

    @Option(names = "--max-leavers", defaultValue = "10%", paramLabel = "N|P%",
            description = "sync: stop before sending anything when more users would be deactivated now, as a number "
                    + "or a percentage of the source's active users (default: ${DEFAULT-VALUE})")
    private String maxLeavers;

    @Option(names = "--confirm-leavers", paramLabel = "N",
            description = "sync: go on although more than --max-leavers would be deactivated; N must be the number "
                    + "of leavers the stopped run named")
    private @Nullable Long confirmLeavers;

    @Option(names = "--previous-report", paramLabel = "CSV",
            description = "sync: the report of the last sync of this file's source; changes it scheduled are not sent "
                    + "again, and those the file no longer asks for are cancelled")
    private @Nullable Path previousReport;

    @Option(names = "--time-zone", defaultValue = "Europe/Copenhagen", paramLabel = "ZONE",
            description = "sync: the zone in which start and end dates begin and end (default: ${DEFAULT-VALUE})")
    private ZoneId zone;

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
        var limit = LEAVER_LIMIT.matcher(maxLeavers);
        if (!limit.matches() || !limit.group(2).isEmpty() && Long.parseLong(limit.group(1)) > 100) {
            throw new ParameterException(spec.commandLine(), "--max-leavers must be a number (25) or a percentage "
                    + "from 0% to 100% (10%)");
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
        long started = System.nanoTime();
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
        @Nullable Sync syncRun = null;
        @Nullable String stoppedBecause = null;
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
                if (sync) {
                    syncRun = startSync(columns, settings, progress);
                }
                for (CsvRow row = csv.next(); row != null; row = csv.next()) {
                    if (row.number() > maxRows) {
                        throw BadInputException.at(fileName, row.line(), 1, "more than " + maxRows
                                + " rows; split the file or raise --max-rows");
                    }
                    RowCheck.Checked checked = check.check(row);
                    if (syncRun != null) {
                        syncRun.row(row, checked, ledger);
                    } else {
                        ledger.add(row, checked.request().getExternalId(), checked.request().getRequestId(),
                                checked.violations(), dryRun);
                    }
                }
            }
            if (ledger.rowCount() == 0) {
                throw new BadInputException(fileName + ": the header is not followed by any row");
            }
            if (syncRun != null) {
                syncRun.leavers("not in the HR export " + fileName + " of " + syncRun.plan().today(), ledger);
                stoppedBecause = leaverGuard(syncRun);
                if (dryRun || stoppedBecause != null) {
                    ledger.planOnly();
                }
            }
            run = new Run(source, secrets, started);
            if (!dryRun && stoppedBecause == null) {
                publishAndWait(settings, check, secrets, ledger, progress, run, syncRun);
            }
        }
        List<Ledger.Row> rows = ledger.rows();
        Path reportFile = report != null ? report : Path.of(fileName.replaceFirst("\\.[^.]*$", "") + "-report.csv");
        Report.write(reportFile, rows, separator, byteOrderMark, syncRun != null);
        out.print(run.headline(fileName, ledger.rowCount(), ledger, dryRun ? "dry run"
                : stoppedBecause != null ? "stopped by the leaver guard" : null));
        if (syncRun != null) {
            out.print(Report.plan(rows));
            long unknownSource = syncRun.plan().usersWithoutSource();
            if (unknownSource > 0) {
                out.printf("%,d users of %s have no recorded source: matched by external id, never taken for leavers%n",
                        unknownSource, syncRun.organisationId());
            }
            out.println("Outcomes:");
        }
        out.print(Report.summary(rows));
        out.println("Report: " + reportFile);
        if (stoppedBecause != null) {
            err.println("import: " + stoppedBecause);
            err.println("Nothing was published.");
            return STOPPED_BY_LEAVER_GUARD;
        }
        return exitCode(rows);
    }

    /** Checks that the mapping can drive a sync, and reads the organisation's users from the users topic. */
    private Sync startSync(ColumnMapping columns, WorkerSettings settings, Progress progress)
            throws IOException, BadInputException {
        String mappingName = mapping.getFileName().toString();
        String organisationId = columns.defaultOf(RequestField.ORGANISATION_ID);
        if (organisationId == null || columns.hasColumn(RequestField.ORGANISATION_ID)) {
            throw new BadInputException(mappingName + ": a sync is for one organisation: give it as "
                    + "default.organisationId, without column.organisationId");
        }
        if (!columns.hasColumn(RequestField.EXTERNAL_ID)) {
            throw new BadInputException(mappingName + ": a sync matches rows to users by external id: give "
                    + "column.externalId");
        }
        List<SyncPlan.Scheduled> scheduled = previousReport == null ? List.of() : Report.scheduledIn(previousReport);
        progress.phase("reading users");
        Map<String, CurrentUser> users = UsersTopic.read(settings.consumer(), settings.topics().users(), organisationId);
        progress.phase("checking");
        return new Sync(new SyncPlan(columns.source(), organisationId, users, LocalDate.now(clock.withZone(zone)), zone,
                attempt).scheduledBefore(scheduled));
    }

    /**
     * Why the sync must not send anything, or null: it would deactivate every active user of its source
     * (an empty or cut-off file; no option allows that), or more than {@code --max-leavers} without
     * {@code --confirm-leavers} naming exactly how many.
     */
    private @Nullable String leaverGuard(Sync syncRun) {
        long leavers = syncRun.deactivationsNow();
        long active = syncRun.plan().activeUsersOfSource();
        String whose = String.format("%,d active users of %s in %s", active, syncRun.plan().source(),
                syncRun.organisationId());
        if (leavers == 0) {
            return null;
        }
        if (active > 0 && leavers >= active) {
            return String.format("the sync would deactivate all %s (missing from the file, or an end date before "
                    + "today). A sync never deactivates everyone: is the file empty or cut off? If they really all "
                    + "leave, deactivate them with ChangeUserRequests.", whose);
        }
        var limit = LEAVER_LIMIT.matcher(maxLeavers);
        limit.matches();
        long number = Long.parseLong(limit.group(1));
        long allowed = limit.group(2).isEmpty() ? number : active * number / 100;
        if (leavers <= allowed || confirmLeavers != null && confirmLeavers == leavers) {
            return null;
        }
        return String.format("the sync would deactivate %,d of the %s now (missing from the file, or an end date "
                + "before today), more than --max-leavers %s allows (%,d). The report lists them. If these leavers "
                + "are right, run again with --confirm-leavers=%d.", leavers, whose, maxLeavers, allowed, leavers);
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
                                Progress progress, Run run, @Nullable Sync syncRun)
            throws IOException, InterruptedException, BadInputException {
        TopicProperties topics = settings.topics();
        String notSent = "not sent: publishing stopped";
        progress.phase("connecting");
        // Closed by the producer.
        Serializer<Object> values = valueSerializer(settings.producer());
        List<String> outcomeTopics = syncRun == null ? List.of(topics.userCreated(), topics.userCreationFailed())
                : List.of(topics.userCreated(), topics.userCreationFailed(), topics.userChanged(),
                        topics.userChangeFailed());
        List<Sync.Pending> changes = syncRun == null ? List.of() : syncRun.changes();
        @Nullable ChangeRequests requests = syncRun == null ? null : new ChangeRequests(syncRun.plan().source(),
                syncRun.organisationId(), file.getFileName().toString(), requestedBy, clock);
        try (var outcomes = OutcomeReader.atEnd(settings.consumer(), outcomeTopics, ledger);
             var producer = new KafkaProducer<>(settings.producer(), new StringSerializer(), values)) {
            outcomes.start();
            if (requests != null && !changes.isEmpty()) {
                // Both schemas are resolved before the first request: a registry failure stops the sync whole.
                resolveSchema(values, topics.userChanges(), requests.of(changes.getFirst().step(),
                        changes.getFirst().row()));
            }
            progress.phase("publishing");
            run.publishing();
            boolean stopped = false;
            try (CsvFile csv = CsvFile.open(file, new AtomicLong())) {
                for (CsvRow row = csv.next(); row != null && row.number() <= ledger.rowCount(); row = csv.next()) {
                    String checkedId = ledger.toPublish(row.number());
                    if (checkedId == null) {
                        continue;
                    }
                    CreateUserRequest request = check.request(row);
                    if (!request.getRequestId().equals(checkedId)) {
                        notSent = "not sent: the file changed while it was imported (row " + row.number() + ")";
                        stopped = true;
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
                        stopped = true;
                        break;
                    }
                }
            } catch (BadInputException e) {
                if (ledger.published.get() == 0) {
                    throw e;
                }
                notSent = "not sent: the file changed while it was imported: " + e.getMessage();
                stopped = true;
            }
            for (int i = 0; i < changes.size() && !stopped && requests != null; i++) {
                Sync.Pending pending = changes.get(i);
                ChangeUserRequest change = requests.of(pending.step(), pending.row());
                String requestId = change.getRequestId();
                ledger.sent(requestId);
                try {
                    // Keyed by the user reference's text, the userId (ChangeRequests says why).
                    producer.send(new ProducerRecord<>(topics.userChanges(), pending.step().userId(), change),
                            (metadata, failure) -> {
                        if (failure == null) {
                            ledger.acknowledged(requestId);
                        } else {
                            ledger.notPublished(requestId, "not published: " + describe(failure));
                        }
                    });
                } catch (KafkaException e) {
                    notSent = "not sent: publishing stopped at a change of user " + pending.step().userId() + ": "
                            + describe(e);
                    ledger.notPublished(requestId, "not published: " + describe(e));
                    stopped = true;
                }
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
    private static void resolveSchema(Serializer<Object> values, String topic, Object request)
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
                case VALID, CREATED, CHANGED, SCHEDULED, UNCHANGED, PLANNED -> { }
            }
        }
        return code;
    }

    /** Timings of one run, for the summary's headline. */
    private static final class Run {
        private final String source;
        private final RequestSecrets secrets;
        private final long started;
        private long publishingStarted;
        private long publishedAfter;
        private long lastOutcomeAfter;

        /** {@code started}: {@link System#nanoTime()} when the command began, for a dry run's "checked in". */
        Run(String source, RequestSecrets secrets, long started) {
            this.source = source;
            this.secrets = secrets;
            this.started = started;
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

        /** {@code nothingPublished}: why nothing was (a dry run, the leaver guard), or null when it was. */
        String headline(String fileName, long rows, Ledger ledger, @Nullable String nothingPublished) {
            boolean dryRun = nothingPublished != null;
            String what = dryRun ? String.format("%s (source %s): %,d rows checked in %.1f s, nothing published (%s)%n",
                    fileName, source, rows, (System.nanoTime() - started) / 1e9, nothingPublished)
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
