/**
 * Erasure of users' personal data (docs/design.md §11): every copy the worker keeps, in the caller's
 * transaction, with the tombstone on the users topic.
 */
@NullMarked
package dk.care.provisioning.erasure;

import org.jspecify.annotations.NullMarked;
