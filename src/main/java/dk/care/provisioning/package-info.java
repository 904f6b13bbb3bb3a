/**
 * The user provisioning worker: Kafka requests in, users in PostgreSQL, outcomes out through a transactional
 * outbox. Each package below is an application module ({@code ModularityTests} keeps them free of cycles).
 */
@NullMarked
package dk.care.provisioning;

import org.jspecify.annotations.NullMarked;
