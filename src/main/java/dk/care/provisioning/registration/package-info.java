/**
 * The self-registration page behind the invitation link: the person's own username and password,
 * in the invitation's language, through the invitation module's {@code Redemptions}. The token
 * arrives in the link's fragment and travels only in form bodies.
 */
@NullMarked
package dk.care.provisioning.registration;

import org.jspecify.annotations.NullMarked;
