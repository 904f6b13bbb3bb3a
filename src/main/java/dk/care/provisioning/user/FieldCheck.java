package dk.care.provisioning.user;

import java.util.List;

/** What {@link FieldRules} found: every violation, and the normalised values of the fields that passed. */
record FieldCheck(List<Violation> violations, ValidatedFields fields) {

    public FieldCheck {
        violations = List.copyOf(violations);
    }

    public boolean passed() {
        return violations.isEmpty();
    }
}
