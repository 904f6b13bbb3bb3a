/**
 * Outcomes and activations as the Avro events of the contract: implements the user module's
 * {@code OutcomePublisher} and {@code ActivationPublisher} through the outbox, and counts outcomes for
 * metrics.
 */
@NullMarked
package dk.care.provisioning.events;

import org.jspecify.annotations.NullMarked;
