package dk.care.provisioning.user;

import java.util.List;

/**
 * Issues the invitations of new phone self-registration users within the caller's transaction.
 * Implemented by the invitation feature, which owns tokens, texts and dispatch.
 */
public interface InvitationIssuer {

    /** Whether an invitation text exists for this BCP 47 tag (matched on its language). */
    boolean supportsLocale(String languageTag);

    /** Issues these invitations, each with a fresh token and expiry, due for dispatch once the caller commits. */
    void issue(List<NewInvitation> invitations);
}
