/**
 * Provisioning users, the core: requests, the rules of docs/design.md §4 as value objects and named rules, the
 * user aggregate and the service that turns each request into exactly one outcome. Reaches invitations
 * and events only through the ports it owns ({@code InvitationIssuer}, {@code OutcomePublisher}).
 */
@NullMarked
package dk.care.provisioning.user;

import org.jspecify.annotations.NullMarked;
