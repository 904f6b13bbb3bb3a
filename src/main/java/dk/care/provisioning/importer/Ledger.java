package dk.care.provisioning.importer;

import dk.care.provisioning.user.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * What became of every row of one import, for the progress display, the report and the exit code; in a
 * sync, of every step of the plan (a row may have several, a leaver's has no row: number 0).
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
        NOT_PUBLISHED,
        /** sync: a change applied */
        CHANGED,
        /** sync: a change accepted for its effectiveAt */
        SCHEDULED,
        /** sync: nothing to send for this row */
        UNCHANGED,
        /** sync preview, or a sync stopped by the leaver guard: what a run would send */
        PLANNED
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
        /** sync: the step's action, when it takes effect (null: now) and what it changes */
        SyncPlan.@Nullable Action action;
        @Nullable Instant effectiveAt;
        String details = "";

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
    private final Map<Long, Row> byNumber = new HashMap<>();
    private final Map<String, List<Row>> byRequestId = new HashMap<>();
    final AtomicLong bytesRead = new AtomicLong();
    final AtomicLong published = new AtomicLong();
    final AtomicLong acknowledged = new AtomicLong();
    final AtomicLong answered = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    private long unpublished;
    private long requests;
    private long fileRows;
    private volatile long lastAnswerNanos;

    /** Records a checked row; true if it is the first row of its request, which is the one to publish. */
    synchronized boolean add(CsvRow row, @Nullable String externalId, String requestId, List<Violation> violations,
                             boolean dryRun) {
        fileRows = Math.max(fileRows, row.number());
        if (!violations.isEmpty()) {
            var invalid = new Row(row.number(), row.line(), externalId, requestId, row.number(), State.INVALID,
                    List.copyOf(violations));
            rows.add(invalid);
            byNumber.put(row.number(), invalid);
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
        byNumber.put(row.number(), added);
        if (same.size() == 1) {
            requests++;
        }
        return same.size() == 1;
    }

    /**
     * Records a step of a sync's plan for file row {@code number} (0 for a leaver): a change to send
     * (PENDING) or a row with nothing to send (UNCHANGED).
     */
    synchronized Row addStep(long number, long line, SyncPlan.Step step) {
        fileRows = Math.max(fileRows, number);
        boolean change = step.sends();
        var added = new Row(number, line, step.externalId(), step.requestId(), number,
                change ? State.PENDING : step.scheduledBefore() ? State.SCHEDULED : State.UNCHANGED, List.of());
        added.userId = step.userId();
        added.action = step.action();
        added.effectiveAt = step.effectiveAt();
        added.details = step.details();
        rows.add(added);
        if (change) {
            byRequestId.computeIfAbsent(step.requestId(), id -> new ArrayList<>(1)).add(added);
            requests++;
        }
        return added;
    }

    /** Gives file row {@code number}'s entry (a creation, or a row that failed the checks) its sync action. */
    synchronized void describe(long number, SyncPlan.Action action, String details) {
        Row row = byNumber.get(number);
        row.action = action;
        row.details = details;
    }

    /** The requestId to publish for row {@code number} (from 1): null unless it is the first row of a pending request. */
    synchronized @Nullable String toPublish(long number) {
        Row row = byNumber.get(number);
        return row != null && row.state == State.PENDING && row.firstRow == row.number ? row.requestId : null;
    }

    /** The rows of the file read so far. */
    synchronized long rowCount() {
        return fileRows;
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
        answer(requestId, userId, errors, State.CREATED);
    }

    /**
     * Records the worker's outcome of a request: {@code success} (CREATED, CHANGED or SCHEDULED) or,
     * with errors, FAILED. Outcomes of other requests and repeats (a scheduled change's when applied) are ignored.
     */
    synchronized void answer(String requestId, @Nullable String userId, List<Violation> errors, State success) {
        List<Row> same = byRequestId.get(requestId);
        if (same == null || !awaiting(same.getFirst().state)) {
            return;
        }
        for (Row row : same) {
            row.state = errors.isEmpty() ? success : State.FAILED;
            if (userId != null) {
                row.userId = userId;
            }
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

    /** A sync that sends nothing (a preview, or stopped by the leaver guard): what it would send is PLANNED. */
    synchronized void planOnly() {
        for (Row row : rows) {
            if (row.state == State.PENDING) {
                row.state = State.PLANNED;
            }
        }
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
