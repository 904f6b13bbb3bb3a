package dk.care.provisioning.user;

import java.util.Collection;
import java.util.Set;

/** Where provisioning finds what a batch must not collide with, and keeps what it decided: the database. */
interface ProvisioningStore {

    /** What is stored of these requestIds and of the unique values these claims hold. */
    Known known(Set<String> requestIds, Collection<Claims> claims);

    /** Writes the batch's rows, with their invitations, outcome events and audit entries, in the caller's transaction. */
    void write(ProvisioningBatch batch);
}
