package dk.care.provisioning.user;

import org.jspecify.annotations.Nullable;

/**
 * The unique values a new user would hold: its username (lowercased, unique across organisations),
 * and its CPR blind index and external id (unique within the organisation). Each is null where the
 * request has none, or none that passed its rule.
 */
record Claims(@Nullable String username, @Nullable OrganisationKey cpr, @Nullable OrganisationKey externalId) {

    /** A value unique within an organisation. */
    record OrganisationKey(String organisationId, String value) {
    }
}
