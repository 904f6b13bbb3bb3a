package dk.care.provisioning.invitation.sms;

/** A failed SMS delivery; the message describes the provider's answer, never the SMS text. */
abstract sealed class DeliveryException extends RuntimeException {

    DeliveryException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Worth retrying: the provider is unreachable, timed out, overloaded or failed internally. */
    static final class Transient extends DeliveryException {

        Transient(String message) {
            super(message, null);
        }

        Transient(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Not worth retrying: the provider refused this message (invalid number, bad request, unauthorised). */
    static final class Permanent extends DeliveryException {

        Permanent(String message) {
            super(message, null);
        }
    }
}
