package dk.care.provisioning.user;

import dk.care.provisioning.audit.AuditEntry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The provisioning store for unit tests: keeps what batches wrote, answers look-ups from it, and can
 * be told to fail writes, as a lost uniqueness race or a database outage would.
 */
final class InMemoryProvisioningStore implements ProvisioningStore {

    private final Map<String, ProcessedRequest> processed = new HashMap<>();
    private final Set<String> usernames = new HashSet<>();
    private final Set<Claims.OrganisationKey> cprs = new HashSet<>();
    private final Set<Claims.OrganisationKey> externalIds = new HashSet<>();
    private final List<User> users = new ArrayList<>();
    private final List<PublishedEvent> events = new ArrayList<>();
    private final List<AuditEntry> auditEntries = new ArrayList<>();
    private int writes;
    private int failingWrites;

    @Override
    public synchronized Known known(Set<String> requestIds, Collection<Claims> claims) {
        Known known = Known.empty();
        requestIds.stream().filter(processed::containsKey).forEach(requestId -> known.remember(processed.get(requestId)));
        for (Claims claim : claims) {
            if (usernames.contains(claim.username())) {
                known.usernames().add(claim.username());
            }
            if (cprs.contains(claim.cpr())) {
                known.cprs().add(claim.cpr());
            }
            if (externalIds.contains(claim.externalId())) {
                known.externalIds().add(claim.externalId());
            }
        }
        return known;
    }

    @Override
    public synchronized void write(ProvisioningBatch batch) {
        writes++;
        if (failingWrites > 0) {
            failingWrites--;
            throw new IllegalStateException("write failed, as told");
        }
        for (User user : batch.users()) {
            users.add(user);
            if (user.username() != null) {
                usernames.add(user.username());
            }
            if (user.login() instanceof User.MitIdIdentity identity) {
                cprs.add(new Claims.OrganisationKey(identity.organisationId(), identity.cprBlindIndex()));
            }
            if (user.externalId() != null) {
                externalIds.add(new Claims.OrganisationKey(user.organisationId(), user.externalId()));
            }
        }
        batch.processedRequests().forEach(row -> processed.put(row.requestId(), row));
        events.addAll(batch.events());
        auditEntries.addAll(batch.auditEntries());
    }

    /** The next {@code count} writes throw, and keep nothing. */
    void failWrites(int count) {
        failingWrites = count;
    }

    int writes() {
        return writes;
    }

    List<User> users() {
        return users;
    }

    Map<String, ProcessedRequest> processed() {
        return processed;
    }

    List<PublishedEvent> events() {
        return events;
    }

    List<AuditEntry> auditEntries() {
        return auditEntries;
    }
}
