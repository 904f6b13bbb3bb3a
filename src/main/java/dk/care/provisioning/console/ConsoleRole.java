package dk.care.provisioning.console;

/**
 * What a console user may do. Creating users and managing their invitations is one duty; watching
 * operations and replaying dead letters, which re-injects records into the queue, is another.
 */
enum ConsoleRole {
    /** Creates users, lists them, resends and revokes invitations. */
    USER_ADMIN,
    /** Sees the operations page and replays dead letters. */
    OPERATOR;

    String authority() {
        return "ROLE_" + name();
    }
}
