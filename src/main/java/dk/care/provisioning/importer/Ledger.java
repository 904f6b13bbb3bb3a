package dk.care.provisioning.importer;

import dk.care.provisioning.user.Violation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * What became of every row of one import, for the progress display, the report and the exit code.
 * Rows are added by the reading thread; producer callbacks and the outcome reader update them
 * concurrently, hence the synchronisation. Rows with the same requestId (identical content) are
 * one request: it is published once and its outcome answers all of them.
 */
final class Ledger {

    /** The state of a row: the first three while it is under way, the others final. */
    enum State {
        /** passed the field rules, not yet sent */
        PENDING,
        SENT,
        ACKNOWLEDGED,
        CREATED,
        /** dry run: passed the field rules */
        VALID,
        FAILED,
        /** failed the field rules, so it was not published */
        INVALID,
        NOT_ANSWERED,
        NOT_PUBLISHED
    }

    /** One row of the file; {@code firstRow} is the row whose request it shares, or its own number. */
    static final class Row {
        final long number;
        final long line;
        final @Nullable String externalId;
        final String requestId;
        final long firstRow;
        State state;
        @Nullable String userId;
        List<Violation> errors;
        @Nullable String note;

        Row(long number, long line, @Nullable String externalId, String requestId, long firstRow, State state,
            List<Violation> errors) {
            this.number = number;
            this.line = line;
            this.externalId = externalId;
            this.requestId = requestId;
            this.firstRow = firstRow;
            this.state = state;
            this.errors = errors;
        }
    }

    private final List<Row> rows = new ArrayList<>();
    private final Map<String, List<Row>> byRequestId = new HashMap<>();
    final AtomicLong bytesRead = new AtomicLong();
    final AtomicLong published = new AtomicLong();
    final AtomicLong acknowledged = new AtomicLong();
    final AtomicLong answered = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    private long unpublished;
    private long requests;
    private volatile long lastAnswerNanos;

    /** Records a checked row; true if it is the first row of its request, which is the one to publish. */
    synchronized boolean add(CsvRow row, @Nullable String externalId, String requestId, List<Violation> violations,
                             boolean dryRun) {
        if (!violations.isEmpty()) {
            rows.add(new Row(row.number(), row.line(), externalId, requestId, row.number(), State.INVALID,
                    List.copyOf(violations)));
            failed.incrementAndGet();
            return false;
        }
        List<Row> same = byRequestId.computeIfAbsent(requestId, id -> new ArrayList<>(1));
        long firstRow = same.isEmpty() ? row.number() : same.getFirst().number;
        var added = new Row(row.number(), row.line(), externalId, requestId, firstRow,
                dryRun ? State.VALID : State.PENDING, List.of());
        if (firstRow != row.number()) {
            added.note = "the same request as row " + firstRow;
        }
        same.add(added);
        rows.add(added);
        if (same.size() == 1) {
            requests++;
        }
        return same.size() == 1;
    }

    /** The requestId to publish for row {@code number} (from 1): null unless it is the first row of a pending request. */
    synchronized @Nullable String toPublish(long number) {
        Row row = rows.get((int) number - 1);
        return row.state == State.PENDING && row.firstRow == row.number ? row.requestId : null;
    }

    synchronized long rowCount() {
        return rows.size();
    }

    /** Distinct valid requests: what a full run publishes and waits for. */
    synchronized long requests() {
        return requests;
    }

    synchronized void sent(String requestId) {
        move(requestId, State.PENDING, State.SENT);
        published.incrementAndGet();
    }

    synchronized void acknowledged(String requestId) {
        move(requestId, State.SENT, State.ACKNOWLEDGED);
        acknowledged.incrementAndGet();
    }

    /** A sent request the broker refused, or one that could not be sent at all. */
    synchronized void notPublished(String requestId, String reason) {
        List<Row> same = byRequestId.getOrDefault(requestId, List.of());
        if (!same.isEmpty() && same.getFirst().state == State.SENT) {
            unpublished++;
        }
        for (Row row : same) {
            if (row.state == State.PENDING || row.state == State.SENT) {
                row.state = State.NOT_PUBLISHED;
                row.note = reason;
            }
        }
    }

    /** Records the worker's outcome of a request; outcomes of other requests and repeats are ignored. */
    synchronized void answer(String requestId, @Nullable String userId, List<Violation> errors) {
        List<Row> same = byRequestId.get(requestId);
        if (same == null || !awaiting(same.getFirst().state)) {
            return;
        }
        for (Row row : same) {
            row.state = errors.isEmpty() ? State.CREATED : State.FAILED;
            row.userId = userId;
            row.errors = List.copyOf(errors);
        }
        answered.incrementAndGet();
        if (!errors.isEmpty()) {
            failed.addAndGet(same.size());
        }
        lastAnswerNanos = System.nanoTime();
    }

    private static boolean awaiting(State state) {
        return state == State.SENT || state == State.ACKNOWLEDGED;
    }

    /** Closes the import: requests still waiting were not answered, rows never sent were not published. */
    synchronized void finish(String notSentReason) {
        for (Row row : rows) {
            if (awaiting(row.state)) {
                row.state = State.NOT_ANSWERED;
            } else if (row.state == State.PENDING) {
                row.state = State.NOT_PUBLISHED;
                row.note = notSentReason;
            }
        }
    }

    /** Whether no published request still waits for its outcome. */
    synchronized boolean allAnswered() {
        return answered.get() + unpublished == published.get();
    }

    /** {@link System#nanoTime()} of the last outcome that answered a row, 0 before the first. */
    long lastAnswerNanos() {
        return lastAnswerNanos;
    }

    synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    private void move(String requestId, State from, State to) {
        for (Row row : byRequestId.getOrDefault(requestId, List.of())) {
            if (row.state == from) {
                row.state = to;
            }
        }
    }
}
