/**
 * Reference data: organisations, departments and roles with the user types they allow; import and
 * cached look-ups.
 */
@NullMarked
package dk.care.provisioning.organisation;

import org.jspecify.annotations.NullMarked;
