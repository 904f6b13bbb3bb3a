package dk.care.provisioning.user;

import java.util.UUID;

/** The invitation a new phone self-registration user gets: its id is chosen by the caller, for the outcome event. */
public record NewInvitation(UUID id, UUID userId, String phone, String locale) {
}
