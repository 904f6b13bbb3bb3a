package dk.care.provisioning.invitation.sms;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** One invitation SMS. Its text holds the link and thus the token: never log or publish it. */
public record Sms(UUID invitationId, String phone, String text) {

    /** The JSON body both the HTTP gateway and the notification topic receive. */
    Map<String, String> body() {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("to", phone);
        body.put("message", text);
        body.put("reference", invitationId.toString());
        return body;
    }

    @Override
    public String toString() {
        return "Sms[invitationId=" + invitationId + ", text=<redacted>]";
    }
}
