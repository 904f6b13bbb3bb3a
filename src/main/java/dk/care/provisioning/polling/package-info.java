/**
 * The background loop the outbox relay and the invitation dispatcher share: rounds of work, rests, back-off.
 */
@NullMarked
package dk.care.provisioning.polling;

import org.jspecify.annotations.NullMarked;
