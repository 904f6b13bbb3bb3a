/**
 * The transactional outbox: events appended in the business transaction, relayed to Kafka after it.
 */
@NullMarked
package dk.care.provisioning.outbox;

import org.jspecify.annotations.NullMarked;
