package dk.care.provisioning.invitation;

import java.util.UUID;

/** One invitation SMS. Its text holds the link and thus the token: never log or publish it. */
record Sms(UUID invitationId, String phone, String text) {

    @Override
    public String toString() {
        return "Sms[invitationId=" + invitationId + ", text=<redacted>]";
    }
}
