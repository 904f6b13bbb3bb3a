package dk.care.provisioning.user;

/** How a new user will log in; exactly one of three methods (DESIGN.md §1). */
public sealed interface LoginMethod {

    /** The user sets their own login through an SMS invitation sent to the request's phone. */
    record PhoneSelfRegistration() implements LoginMethod {
    }

    /** Username and password chosen by the administrator. */
    record Standard(String username, Secret password, boolean mustChangePassword) implements LoginMethod {
    }

    /** External authentication with MitID, identified by CPR number. */
    record MitId(Secret cpr) implements LoginMethod {
    }
}
