/**
 * The admin and operations console: a client of the queue that publishes {@code CreateUserRequest}s
 * like any producer and watches their outcomes through the query API; users and invitations; the
 * operations page with the dead-letter topic and its replay; and who may do which of these.
 */
@NullMarked
package dk.care.provisioning.console;

import org.jspecify.annotations.NullMarked;
