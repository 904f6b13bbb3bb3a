package dk.care.provisioning.user;

/**
 * Hands an activation to the outbox in the caller's transaction. Implemented by the events feature,
 * which owns the wire format.
 */
public interface ActivationPublisher {

    void publish(Activation activation);
}
