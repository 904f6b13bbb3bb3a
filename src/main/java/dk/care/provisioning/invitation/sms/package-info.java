/**
 * Sending invitation SMS: the providers (HTTP gateway, notification topic, log) behind a rate limit and
 * a circuit breaker. Knows nothing of invitations beyond the {@link dk.care.provisioning.invitation.sms.Sms}
 * it is handed; the dispatcher in {@code invitation} decides what to send and records the outcome.
 */
@NullMarked
package dk.care.provisioning.invitation.sms;

import org.jspecify.annotations.NullMarked;
