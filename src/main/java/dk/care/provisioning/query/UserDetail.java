package dk.care.provisioning.query;

import dk.care.provisioning.lifecycle.ScheduledChanges;
import java.util.List;

/** A user with its history, oldest event first, and its changes scheduled for later, soonest first. */
public record UserDetail(UserSummary user, List<HistoryEntry> history, List<ScheduledChanges.ScheduledChange> scheduled) {
}
