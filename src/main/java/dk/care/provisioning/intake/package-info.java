/**
 * The edge where requests arrive: the Kafka listener, the Avro to domain mapping, error handling and the
 * dead-letter topic, and the consumer's health.
 */
@NullMarked
package dk.care.provisioning.intake;

import org.jspecify.annotations.NullMarked;
