/**
 * The embedded default of {@code ./mvnw spring-boot:test-run}: broker, PostgreSQL, registry, demo data and sample requests; never in the jar.
 */
@NullMarked
package dk.care.provisioning.dev;

import org.jspecify.annotations.NullMarked;
