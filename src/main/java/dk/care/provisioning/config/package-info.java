/**
 * Wiring shared by several modules: topic names and declarations, the clock.
 */
@NullMarked
package dk.care.provisioning.config;

import org.jspecify.annotations.NullMarked;
