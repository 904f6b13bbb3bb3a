/**
 * The benchmark ({@code ./mvnw -Pbenchmark test}) and its smoke test.
 */
@NullMarked
package dk.care.provisioning.benchmark;

import org.jspecify.annotations.NullMarked;
