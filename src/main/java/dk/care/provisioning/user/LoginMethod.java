package dk.care.provisioning.user;

import dk.care.provisioning.security.Secret;
import org.jspecify.annotations.Nullable;

/** How a new user will log in; exactly one of three methods (docs/design.md §1). */
public sealed interface LoginMethod {

    Kind kind();

    /** The user sets their own login through an SMS invitation sent to the request's phone. */
    record PhoneSelfRegistration() implements LoginMethod {
        @Override
        public Kind kind() {
            return Kind.PHONE_SELF_REGISTRATION;
        }
    }

    /** Username and password chosen by the administrator. */
    record Standard(@Nullable String username, @Nullable Secret password, boolean mustChangePassword)
            implements LoginMethod {
        @Override
        public Kind kind() {
            return Kind.STANDARD;
        }
    }

    /** External authentication with MitID, identified by CPR number. */
    record MitId(@Nullable Secret cpr) implements LoginMethod {
        @Override
        public Kind kind() {
            return Kind.MITID;
        }
    }

    /** The method's name as stored and published, and as the console and the import command offer it. */
    public enum Kind {
        PHONE_SELF_REGISTRATION, STANDARD, MITID
    }
}
