package dk.care.provisioning.lifecycle;

import dk.care.provisioning.user.ErrorCode;
import dk.care.provisioning.user.FieldRules;
import dk.care.provisioning.user.Fingerprint;
import dk.care.provisioning.user.ReferenceRules;
import dk.care.provisioning.user.UserStatus;
import dk.care.provisioning.user.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import java.util.Arrays;

/**
 * The rules of a change (docs/lifecycle.md), every one of them run and every violation reported:
 * {@link #screen} those of the request alone — the envelope and the creation rules for every changed
 * field — and {@link #against} those of the user it is for. Names fields as the request does,
 * dotted for the change's own ({@code change.phone}).
 */
@Component
class ChangeRules {

    private final ReferenceRules referenceRules;

    ChangeRules(ReferenceRules referenceRules) {
        this.referenceRules = referenceRules;
    }

    /** A request after the rules that need no user: its violations, and the change with normalised values. */
    record Screened(ChangeRequest request, String fingerprint, List<Violation> violations, Change change) {

        Screened {
            violations = List.copyOf(violations);
        }

        /** Whether the requestId can key the outcome and its idempotency record. */
        boolean keyed() {
            return FieldRules.isRequestId(request.requestId());
        }
    }

    Screened screen(ChangeRequest request) {
        List<Violation> violations = new ArrayList<>(FieldRules.envelopeViolations(request.requestId(),
                request.correlationId(), request.source(), request.requestedBy()));
        if (blank(request.organisationId())) {
            violations.add(Violation.missing("organisationId"));
        }
        if (request.user() instanceof UserReference.ByExternalId byExternalId && blank(byExternalId.externalId())) {
            violations.add(Violation.missing("user.externalId"));
        }
        Change change = switch (request.change()) {
            case Change.UpdateContact contact -> {
                if (Stream.of(contact.name(), contact.email(), contact.phone(), contact.locale())
                        .allMatch(ChangeRules::blank)) {
                    violations.add(new Violation(ErrorCode.REQUIRED_FIELD_MISSING, "change",
                            "An UpdateContact needs at least one of name, email, phone and locale"));
                }
                FieldRules.Contact checked = FieldRules.checkContact("change.", contact.name(), contact.email(),
                        contact.phone());
                violations.addAll(checked.violations());
                violations.addAll(referenceRules.localeViolations("change.locale", contact.locale()));
                yield new Change.UpdateContact(checked.name(), checked.email(), checked.phone(),
                        blank(contact.locale()) ? null : contact.locale());
            }
            case Change.Move move -> {
                if (blank(move.departmentId())) {
                    violations.add(Violation.missing("change.departmentId"));
                }
                if (blank(move.roleId())) {
                    violations.add(Violation.missing("change.roleId"));
                }
                yield move;
            }
            case Change.CancelScheduled cancel -> {
                if (blank(cancel.requestId())) {
                    violations.add(Violation.missing("change.requestId"));
                }
                yield cancel;
            }
            case Change.Deactivate deactivate -> deactivate;
            case Change.Reactivate reactivate -> reactivate;
            case Change.Erase erase -> erase;
        };
        return new Screened(request, fingerprint(request), violations, change);
    }

    /**
     * The rules of the user it is for, which must exist (refused before this is asked otherwise):
     * not erased, of the version the request was made against (checked when a request arrives, not
     * when a scheduled one falls due), and able to take the change — a move to a department and role
     * of its organisation that fit its user type, an erasure only of a deactivated user (checked when
     * the change is applied: a dated erasure may well follow a dated deactivation).
     */
    List<Violation> against(Screened screened, Account account, boolean arriving, boolean applying) {
        if (account.status() == UserStatus.ERASED) {
            return List.of(new Violation(ErrorCode.USER_ERASED, "user",
                    "The user's personal data was erased; the user cannot be changed"));
        }
        List<Violation> violations = new ArrayList<>();
        Long expected = screened.request().expectedVersion();
        if (arriving && expected != null && expected != account.version()) {
            violations.add(new Violation(ErrorCode.VERSION_CONFLICT, "expectedVersion",
                    "The user is at version " + account.version() + ", not " + expected));
        }
        switch (screened.change()) {
            case Change.Move move -> violations.addAll(referenceRules.placementViolations("change.",
                    account.organisationId(), move.departmentId(), move.roleId(), account.userType()));
            case Change.Erase ignored when applying && account.status() != UserStatus.DEACTIVATED ->
                    violations.add(new Violation(ErrorCode.NOT_DEACTIVATED, "change",
                            "Only a deactivated user can be erased; deactivate the user first"));
            default -> {
            }
        }
        return violations;
    }

    /**
     * The placement rules without a user, so that a change for an unknown user still reports a
     * department or role that does not exist.
     */
    List<Violation> withoutUser(Screened screened) {
        if (screened.change() instanceof Change.Move move) {
            return referenceRules.placementViolations("change.", screened.request().organisationId(),
                    move.departmentId(), move.roleId(), null);
        }
        return List.of();
    }

    /**
     * What "the same content" is for a change: everything but transport metadata (correlationId,
     * requestedAt, requestedBy). A different date is a different request.
     */
    static String fingerprint(ChangeRequest request) {
        Change change = request.change();
        List<@Nullable String> fields = new ArrayList<>(List.of("change", change.kind().name()));
        fields.add(request.source());
        fields.add(request.organisationId());
        fields.add(request.user().getClass().getSimpleName());
        fields.add(request.user().text());
        fields.add(Objects.toString(request.expectedVersion(), null));
        fields.add(request.effectiveAt() == null ? null : Long.toString(request.effectiveAt().toEpochMilli()));
        switch (change) {
            case Change.UpdateContact contact -> fields.addAll(Arrays.asList(contact.name(), contact.email(),
                    contact.phone(), contact.locale()));
            case Change.Move move -> fields.addAll(Arrays.asList(move.departmentId(), move.roleId()));
            case Change.Deactivate deactivate -> fields.add(deactivate.reason());
            case Change.CancelScheduled cancel -> fields.add(cancel.requestId());
            case Change.Reactivate ignored -> {
            }
            case Change.Erase ignored -> {
            }
        }
        return Fingerprint.of(fields.stream());
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
