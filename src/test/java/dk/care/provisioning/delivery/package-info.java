/**
 * Delivery guarantee tests that run the worker as separate JVMs and kill, stop or cut it off. Each
 * starts its own broker, database and registry, so they run beside the other test classes, one at a
 * time ({@code @Execution(CONCURRENT)}, src/test/resources/junit-platform.properties).
 */
@NullMarked
package dk.care.provisioning.delivery;

import org.jspecify.annotations.NullMarked;
