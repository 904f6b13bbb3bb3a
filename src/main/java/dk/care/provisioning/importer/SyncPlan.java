package dk.care.provisioning.importer;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * What a sync does for each row of an HR export and for each user of the source missing from it
 * (docs/import.md, "Sync"): the file is the truth for one source and organisation. Pure: the users as
 * they are, the rows as they should be and today's date give the same steps every time, so a preview
 * is exactly what a real run then sends.
 */
final class SyncPlan {

    /** What a step does; every kind but CREATE, NOT_STARTED and UNCHANGED is one ChangeUserRequest. */
    enum Action { CREATE, NOT_STARTED, CANCEL_SCHEDULED, REACTIVATE, MOVE, UPDATE_CONTACT, DEACTIVATE, UNCHANGED }

    /** A change an earlier run scheduled (its report's SCHEDULED lines): which user, what, when, and its id. */
    record Scheduled(String userId, Action action, Instant effectiveAt, String requestId) {
    }

    /** One row's fields as the sync compares them, normalised as the worker stores them. */
    record Desired(String externalId, String departmentId, String roleId, @Nullable String name,
                   @Nullable String email, @Nullable String phone, @Nullable String locale,
                   @Nullable LocalDate start, @Nullable LocalDate end) {
    }

    /**
     * One step: for a change, the user it changes, when (null: now), what it changes from what to what
     * ({@code details}), and its deterministic requestId; {@code change} is what the request carries.
     * {@code scheduledBefore}: an earlier run scheduled this very change, so it is not sent again.
     */
    record Step(Action action, String externalId, @Nullable String userId, @Nullable Instant effectiveAt,
                String details, String requestId, @Nullable Change change, boolean scheduledBefore) {

        Step(Action action, String externalId, @Nullable String userId, @Nullable Instant effectiveAt, String details,
             String requestId, @Nullable Change change) {
            this(action, externalId, userId, effectiveAt, details, requestId, change, false);
        }

        /** Whether the step is a request to send. */
        boolean sends() {
            return change != null && !scheduledBefore;
        }
    }

    /** What a ChangeUserRequest carries (docs/design.md §11). */
    sealed interface Change {
        record Move(String departmentId, String roleId) implements Change {
        }

        /** Only the fields that change; null ones stay as they are. */
        record UpdateContact(@Nullable String name, @Nullable String email, @Nullable String phone,
                             @Nullable String locale) implements Change {
        }

        record Deactivate(String reason) implements Change {
        }

        record Reactivate() implements Change {
        }

        record CancelScheduled(String requestId) implements Change {
        }
    }

    private final String source;
    private final String organisationId;
    private final Map<String, CurrentUser> byExternalId;
    private final Map<String, List<Scheduled>> scheduledBefore = new HashMap<>();
    private final Set<String> seen = new HashSet<>();
    private final LocalDate today;
    private final ZoneId zone;
    private final int attempt;

    SyncPlan(String source, String organisationId, Map<String, CurrentUser> byExternalId, LocalDate today, ZoneId zone,
             int attempt) {
        this.source = source;
        this.organisationId = organisationId;
        this.byExternalId = byExternalId;
        this.today = today;
        this.zone = zone;
        this.attempt = attempt;
    }

    /**
     * What an earlier run scheduled that is still ahead: a row that asks for the same change on the same
     * day sends nothing; one that asks for another day, or no longer asks, cancels it.
     */
    SyncPlan scheduledBefore(List<Scheduled> scheduled) {
        Instant now = today.atStartOfDay(zone).toInstant();
        for (Scheduled change : scheduled) {
            if (change.effectiveAt().isAfter(now)) {
                scheduledBefore.computeIfAbsent(change.userId(), id -> new ArrayList<>()).add(change);
            }
        }
        return this;
    }

    String source() {
        return source;
    }

    String organisationId() {
        return organisationId;
    }

    LocalDate today() {
        return today;
    }

    /**
     * Marks a row's external id as present in the file, whatever its row holds: a row that fails the
     * checks still keeps its user from being taken for a leaver.
     */
    void present(String externalId) {
        seen.add(externalId);
    }

    /** The user the row's external id names, if any: the request refers to it by userId. */
    @Nullable CurrentUser user(String externalId) {
        return byExternalId.get(externalId);
    }

    /** The steps of one valid row, in the order they must be applied; the row must be {@link #present}. */
    List<Step> row(Desired row) {
        CurrentUser user = byExternalId.get(row.externalId());
        boolean ended = row.end() != null && row.end().isBefore(today);
        boolean notStarted = row.start() != null && row.start().isAfter(today);
        if (user == null || user.status() == CurrentUser.Status.ERASED) {
            if (ended) {
                return List.of(unchanged(row.externalId(), null, "left " + row.end() + ", before this sync; not created"));
            }
            if (notStarted) {
                return List.of(new Step(Action.NOT_STARTED, row.externalId(), null, null, "starts " + row.start()
                        + "; created by the first sync on or after that day", "", null));
            }
            return List.of(new Step(Action.CREATE, row.externalId(), null, null, "new", "", null));
        }
        List<Step> steps = new ArrayList<>();
        if (user.status() == CurrentUser.Status.DEACTIVATED) {
            if (ended) {
                return List.of(unchanged(row.externalId(), user.userId(), "left " + row.end()));
            }
            Instant at = notStarted ? startOf(row.start()) : null;
            steps.add(change(user, at, at == null ? "status DEACTIVATED → back as before"
                    : "status DEACTIVATED → back as before on " + row.start(), new Change.Reactivate()));
        } else if (ended) {
            return List.of(change(user, null, "status → DEACTIVATED: left " + row.end(),
                    new Change.Deactivate("end date " + row.end() + " in the HR export")));
        }
        if (!user.departmentId().equals(row.departmentId()) || !user.roleId().equals(row.roleId())) {
            var details = new StringJoiner("; ");
            fromTo(details, "departmentId", user.departmentId(), row.departmentId());
            fromTo(details, "roleId", user.roleId(), row.roleId());
            steps.add(change(user, null, details.toString(), new Change.Move(row.departmentId(), row.roleId())));
        }
        String name = changed(user.name(), row.name());
        String email = changed(user.email(), row.email());
        String phone = changed(user.phone(), row.phone());
        // A user described before the topic carried the locale has none to compare: it is left alone.
        String locale = user.locale() == null ? null : changed(user.locale(), row.locale());
        if (name != null || email != null || phone != null || locale != null) {
            var details = new StringJoiner("; ");
            fromTo(details, "name", user.name(), name);
            fromTo(details, "email", user.email(), email);
            fromTo(details, "phone", user.phone(), phone);
            fromTo(details, "locale", user.locale(), locale);
            steps.add(change(user, null, details.toString(), new Change.UpdateContact(name, email, phone, locale)));
        }
        if (row.end() != null) {
            steps.add(change(user, endOf(row.end()), "status → DEACTIVATED after " + row.end() + ", the last day",
                    new Change.Deactivate("end date " + row.end() + " in the HR export")));
        }
        steps = reconciled(user, steps);
        return steps.isEmpty() ? List.of(unchanged(row.externalId(), user.userId(), "")) : steps;
    }

    /**
     * The steps with what earlier runs scheduled for the user: a scheduled step an earlier run sent is
     * marked so and not sent again; an earlier schedule no step asks for any more is cancelled first.
     */
    private List<Step> reconciled(CurrentUser user, List<Step> steps) {
        List<Scheduled> earlier = scheduledBefore.getOrDefault(user.userId(), List.of());
        if (earlier.isEmpty()) {
            return steps;
        }
        List<Step> result = new ArrayList<>();
        for (Scheduled old : earlier) {
            if (steps.stream().noneMatch(step -> step.requestId().equals(old.requestId()))) {
                result.add(change(user, null, old.action() + " scheduled for " + old.effectiveAt() + " withdrawn",
                        new Change.CancelScheduled(old.requestId())));
            }
        }
        for (Step step : steps) {
            boolean sent = earlier.stream().anyMatch(old -> old.requestId().equals(step.requestId()));
            result.add(sent ? new Step(step.action(), step.externalId(), step.userId(), step.effectiveAt(),
                    step.details() + " (scheduled by an earlier run)", step.requestId(), step.change(), true) : step);
        }
        return result;
    }

    /**
     * The users of this source and organisation that no row named and that can still sign in:
     * each a Deactivate now, with {@code reason}. Users the worker recorded no source for are never
     * leavers: a sync deactivates only what its source created.
     */
    List<Step> leavers(String reason) {
        List<Step> leavers = new ArrayList<>();
        for (CurrentUser user : byExternalId.values()) {
            if (ours(user) && user.status() == CurrentUser.Status.ACTIVE && !seen.contains(user.externalId())) {
                leavers.add(change(user, null, "status → DEACTIVATED: not in the file", new Change.Deactivate(reason)));
            }
        }
        leavers.sort((a, b) -> a.externalId().compareTo(b.externalId()));
        return leavers;
    }

    /** The users of this source that can sign in: what the leavers are counted against. */
    long activeUsersOfSource() {
        return byExternalId.values().stream()
                .filter(user -> ours(user) && user.status() == CurrentUser.Status.ACTIVE).count();
    }

    /** Users of the organisation whose source the worker did not record: never taken for leavers. */
    long usersWithoutSource() {
        return byExternalId.values().stream().filter(user -> user.source() == null).count();
    }

    private boolean ours(CurrentUser user) {
        return source.equals(user.source());
    }

    private Step change(CurrentUser user, @Nullable Instant effectiveAt, String details, Change change) {
        return new Step(action(change), user.externalId(), user.userId(), effectiveAt, details,
                requestId(user, effectiveAt, change), change);
    }

    private static Step unchanged(String externalId, @Nullable String userId, String details) {
        return new Step(Action.UNCHANGED, externalId, userId, null, details, "", null);
    }

    private static Action action(Change change) {
        return switch (change) {
            case Change.Move move -> Action.MOVE;
            case Change.UpdateContact contact -> Action.UPDATE_CONTACT;
            case Change.Deactivate deactivate -> Action.DEACTIVATE;
            case Change.Reactivate reactivate -> Action.REACTIVATE;
            case Change.CancelScheduled cancel -> Action.CANCEL_SCHEDULED;
        };
    }

    /**
     * Of the source, organisation, user, when and what, and for a change applied now the user's version
     * it was planned against: the same plan tomorrow (the users topic not yet showing today's change)
     * sends the same ids, which the worker answers with the outcome it stored; a change planned against
     * a user changed since gets a new id, so moving a user back after someone moved them elsewhere is
     * not taken for a repeat. A scheduled change leaves the version out: it keeps its id while the user
     * changes otherwise, so sending it again each night stores it once.
     */
    private String requestId(CurrentUser user, @Nullable Instant effectiveAt, Change change) {
        String name = String.join("\u0000", "sync", source, organisationId, user.userId(),
                effectiveAt == null ? Long.toString(user.version()) : "", Objects.toString(effectiveAt, ""),
                change.toString(),
                attempt > 1 ? "attempt " + attempt : "");
        return RequestIds.nameBased(RequestIds.NAMESPACE, name).toString();
    }

    /** The first moment of a start date, in the organisation's time zone. */
    private Instant startOf(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }

    /** The end of a last working day: the first moment of the next day. */
    private Instant endOf(LocalDate lastDay) {
        return lastDay.plusDays(1).atStartOfDay(zone).toInstant();
    }

    private static @Nullable String changed(@Nullable String current, @Nullable String wanted) {
        // A blank cell leaves the field as it is: UpdateContact cannot clear a field.
        return wanted == null || wanted.equals(current) ? null : wanted;
    }

    private static void fromTo(StringJoiner details, String field, @Nullable String from, @Nullable String to) {
        if (to != null && !to.equals(from)) {
            details.add(field + " " + (from == null ? "(none)" : from) + " → " + to);
        }
    }
}
