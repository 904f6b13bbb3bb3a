/**
 * Self-registration invitations: issued through the user module's {@code InvitationIssuer}, sent by
 * SMS off the consumer thread, redeemed or resent and revoked over HTTP.
 */
@NullMarked
package dk.care.provisioning.invitation;

import org.jspecify.annotations.NullMarked;
