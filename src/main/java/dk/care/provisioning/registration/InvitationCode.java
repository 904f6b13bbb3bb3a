package dk.care.provisioning.registration;

import org.jspecify.annotations.Nullable;

/**
 * What the person typed or pasted into the code field, or what the page's script took from the
 * link's fragment: the token itself, or the whole link from the SMS around it.
 */
final class InvitationCode {

    private InvitationCode() {
    }

    /** The token in the text: what follows the link's last {@code #} or {@code /} (a token has neither). */
    static @Nullable String tokenIn(@Nullable String text) {
        if (text == null) {
            return null;
        }
        String stripped = text.strip();
        return stripped.substring(Math.max(stripped.lastIndexOf('#'), stripped.lastIndexOf('/')) + 1);
    }
}
