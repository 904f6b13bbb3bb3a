package dk.care.provisioning.invitation.sms;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Development only: "sends" an SMS by printing it, link included, so that the embedded default's
 * invitations can be tried out. Never configure it where tokens are real.
 */
final class LogSmsProvider implements SmsProvider {

    private static final Logger log = LoggerFactory.getLogger(LogSmsProvider.class);

    LogSmsProvider() {
        log.warn("Invitation SMS are printed to the log, links included: for development only");
    }

    @Override
    public String name() {
        return "log";
    }

    @Override
    public void send(Sms sms) {
        log.info("SMS to {} (invitation {}): {}", sms.phone(), sms.invitationId(), sms.text());
    }
}
