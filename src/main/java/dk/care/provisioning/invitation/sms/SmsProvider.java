package dk.care.provisioning.invitation.sms;

/**
 * Delivers invitation SMS. Throws {@link DeliveryException.Transient} when trying again later may
 * help (the provider is down, slow or busy) and {@link DeliveryException.Permanent} when it cannot
 * (the provider refused this message); its messages never quote the SMS text.
 */
public interface SmsProvider {

    /** Names the provider in attempt records and metrics. */
    String name();

    void send(Sms sms);
}
