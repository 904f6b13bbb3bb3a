/**
 * Confluent Schema Registry wire format without Confluent's libraries: serializer, deserializer,
 * registry clients (HTTP and in-memory) and the registry's health.
 */
@NullMarked
package dk.care.provisioning.registry;

import org.jspecify.annotations.NullMarked;
