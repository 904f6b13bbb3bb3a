package dk.care.provisioning.query;

import java.util.List;

/** A user with its history, oldest event first. */
public record UserDetail(UserSummary user, List<HistoryEntry> history) {
}
