package dk.care.provisioning.user;

import java.util.List;
import java.util.UUID;

/**
 * Hands the latest state of users to the compacted users feed in the caller's transaction.
 * Implemented by the feed feature, which owns the wire format.
 */
public interface UserStatePublisher {

    /**
     * Appends these states in this order: of users whose rows the caller's transaction has not written
     * yet (a creation batch writes its rows when it commits).
     */
    void publish(List<UserSnapshot> states);

    /** Appends the state of this user as the caller's transaction reads it now, after a change it wrote. */
    void publishCurrent(UUID userId);
}
