package dk.care.provisioning.console;

import dk.care.provisioning.user.UserStatus;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What an administrator can do to a user from the user's page, each published as a
 * {@code ChangeUserRequest}; {@link #offeredFor} says which of them make sense in a status, and the
 * console offers and accepts only those (the worker judges the request in any case).
 */
enum UserAction {
    MOVE(true),
    CHANGE_CONTACT(true),
    DEACTIVATE(true),
    REACTIVATE(false),
    /** Behind a confirmation page that names the person. */
    ERASE(true);

    private final boolean hasPage;

    UserAction(boolean hasPage) {
        this.hasPage = hasPage;
    }

    /**
     * The actions that make sense for a user in {@code status}: a pending or active user can be moved,
     * get new contact details or leave; a leaver can come back or be erased; an erased user is final.
     */
    static Set<UserAction> offeredFor(UserStatus status) {
        return switch (status) {
            case PENDING_SELF_REGISTRATION, ACTIVE -> EnumSet.of(MOVE, CHANGE_CONTACT, DEACTIVATE);
            case DEACTIVATED -> EnumSet.of(REACTIVATE, ERASE);
            case ERASED -> EnumSet.noneOf(UserAction.class);
        };
    }

    /** The action a path segment of {@code /console/users/<id>/<segment>} names, if any. */
    static Optional<UserAction> ofPath(String segment) {
        return Stream.of(values()).filter(action -> action.path().equals(segment)).findFirst();
    }

    /** Its path segment under the user's page, e.g. {@code change-contact}. */
    public String path() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether it has a page of its own (a form, or the erasure's confirmation); else it is a button on the user's page. */
    public boolean hasPage() {
        return hasPage;
    }
}
