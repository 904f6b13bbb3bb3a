package dk.care.provisioning.lifecycle;

/** The kinds of change, as the outcome names them. */
public enum ChangeKind {
    UPDATE_CONTACT, MOVE, DEACTIVATE, REACTIVATE, ERASE, CANCEL_SCHEDULED
}
